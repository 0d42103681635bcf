// One example per operation, shown by the reference page; a test checks each against its schema,
// so an example cannot drift from the contract either.

const ARTICLE_ID = "3f2a8c1e-6b1d-4c55-9a0e-2d7f4b9c8e11";
const REVISION_ID = "8a1c7e2f-5d4b-4e3a-9f6c-1b2d3e4f5a6b";
const CLAIM_ID = "c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b";
const ATTRIBUTION_ID = "a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d";
const USER = { id: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", name: "Ada Editor" };
const AT = "2026-01-15T09:30:00.000Z";

/** An annotation as the API answers it. */
export const exampleAnnotation = {
  id: CLAIM_ID,
  articleId: ARTICLE_ID,
  revisionId: REVISION_ID,
  kind: "claim",
  from: 1,
  to: 30,
  start: 0,
  end: 29,
  quote: { exact: "Unemployment fell to 3.2 per cent", prefix: "", suffix: " last month, the minister said." },
  note: "Check against the statistics office release.",
  attributes: { checkWorthy: true },
  status: "pending",
  version: 1,
  createdBy: USER,
  createdAt: AT,
  updatedAt: AT,
  reviewedBy: null,
  reviewedAt: null,
  reviewNote: null,
  substanceBy: USER,
  substanceAt: AT,
  links: [],
};

const revision = {
  id: REVISION_ID,
  number: 1,
  doc: { type: "doc", content: [] },
  text: "Unemployment fell to 3.2 per cent last month, the minister said.",
  createdAt: AT,
  version: 0,
  saved: true,
};

/** An article with its current revision and annotations. */
export const exampleArticleDetail = {
  article: { id: ARTICLE_ID, title: "Jobs figures", byline: "Staff reporter", sourceUrl: null, status: "in_review", createdBy: USER, createdAt: AT, updatedAt: AT },
  revision,
  annotations: [exampleAnnotation],
  lastEvent: 2,
};

const counts = { claim: 1, hedge: 0, attribution: 0, pending: 1, approved: 0, rejected: 0, orphaned: 0, unattributedClaims: 1 };
const summary = { id: REVISION_ID, number: 1, createdAt: AT, createdBy: USER, length: 64, words: 11, outcomes: null };

/** Examples keyed by operation id: the request body (when there is one) and the main success answer. */
export const EXAMPLES: Record<string, { request?: unknown; response?: unknown }> = {
  getHealth: { response: { status: "ok", database: "pglite", databaseReachable: true } },
  getMe: { response: { id: USER.id, email: "ada@example.org", name: USER.name, role: "editor" } },
  changeMyPassword: { request: { currentPassword: "old password here", newPassword: "a longer new passphrase" } },
  redeemPasswordSetup: { request: { token: "nms_…", password: "a longer new passphrase" } },
  listArticles: { response: { items: [{ id: ARTICLE_ID, title: "Jobs figures", byline: "Staff reporter", status: "in_review", updatedAt: AT, counts }], nextCursor: null } },
  createArticle: { request: { title: "Jobs figures", format: "text", content: "Unemployment fell to 3.2 per cent last month, the minister said." }, response: exampleArticleDetail },
  getArticle: { response: exampleArticleDetail },
  exportArticle: {
    response: {
      format: "newsmark.article",
      version: 1,
      exportedAt: AT,
      article: { id: ARTICLE_ID, title: "Jobs figures", byline: "Staff reporter", sourceUrl: null },
      revision: { id: REVISION_ID, number: 1, createdAt: AT },
      text: revision.text,
      offsets: "unicode-code-points",
      doc: revision.doc,
      annotations: [],
      summary: { ...counts, claim: 0, pending: 0, unattributedClaims: 0 },
    },
  },
  listRevisions: { response: { article: { id: ARTICLE_ID, title: "Jobs figures", currentRevisionId: REVISION_ID }, revisions: [summary] } },
  createRevision: {
    request: { baseRevisionId: REVISION_ID, doc: { type: "doc", content: [] }, annotations: [{ id: CLAIM_ID, from: 1, to: 30 }] },
    response: { revision: { ...revision, number: 2 }, annotations: [exampleAnnotation], orphaned: [], outcomes: { [CLAIM_ID]: "kept" } },
  },
  sendSteps: {
    request: { version: 12, clientId: "k3j9x2", steps: [{ stepType: "replace", from: 23, to: 26, slice: { content: [{ type: "text", text: "3.4" }] } }] },
    response: { version: 13, annotations: [] },
  },
  getSteps: { response: { version: 13, steps: [{ stepType: "replace", from: 23, to: 26, slice: { content: [{ type: "text", text: "3.4" }] } }], clientIds: ["k3j9x2"] } },
  streamArticleEvents: {
    response: 'id: 7\ndata: {"seq":7,"action":"annotation.create","entityId":"' + CLAIM_ID + '","version":13,"actor":{"id":"' + USER.id + '","name":"Ada Editor"},"annotation":{…}}\n\n',
  },
  sendPresence: { request: { clientId: "k3j9x2", version: 13, from: 24, to: 24, activity: "editing" } },
  compareRevisions: {
    response: {
      article: { id: ARTICLE_ID, title: "Jobs figures" },
      from: summary,
      to: { ...summary, number: 2, outcomes: { kept: 0, moved: 0, changed: 1, orphaned: 0 } },
      diff: [
        { type: "equal", text: "Unemployment fell to " },
        { type: "delete", text: "3.2" },
        { type: "insert", text: "3.4" },
        { type: "equal", text: " per cent last month, the minister said." },
      ],
      annotations: [
        { id: CLAIM_ID, kind: "claim", status: "pending", deleted: false, outcome: "changed", quote: "Unemployment fell to 3.4 per cent", oldQuote: "Unemployment fell to 3.2 per cent", newQuote: "Unemployment fell to 3.4 per cent" },
      ],
      counts: { kept: 0, moved: 0, changed: 1, orphaned: 0 },
    },
  },
  createAnnotation: { request: { revisionId: REVISION_ID, kind: "claim", quote: { exact: "Unemployment fell to 3.2 per cent" } }, response: exampleAnnotation },
  updateAnnotation: { request: { version: 1, note: "Checked: matches the release." }, response: { ...exampleAnnotation, version: 2, note: "Checked: matches the release." } },
  deleteAnnotation: {},
  createLink: {
    request: { type: "attributes", targetId: CLAIM_ID },
    response: { ...exampleAnnotation, id: ATTRIBUTION_ID, kind: "attribution", attributes: { sourceName: "the minister", sourceType: "person" }, links: [{ type: "attributes", targetId: CLAIM_ID }] },
  },
  deleteLink: {},
  reviewAnnotation: { request: { version: 1, decision: "approve" }, response: { ...exampleAnnotation, status: "approved", version: 2, reviewedBy: { id: USER.id, name: "Rita Reviewer" }, reviewedAt: AT } },
  annotationHistory: { response: [{ action: "annotation.create", actor: USER, at: AT, before: null, after: { kind: "claim" } }] },
  reviewQueue: { response: { items: [{ ...exampleAnnotation, article: { id: ARTICLE_ID, title: "Jobs figures" }, previousQuote: null }], nextCursor: null, total: 1, orphaned: 0 } },
  streamReviewQueueEvents: { response: 'event: changed\ndata: {"articleId":"' + ARTICLE_ID + '"}\n\n' },
  exportAll: { response: '{"format":"newsmark.article","version":1,…}\n' },
  listUsers: { response: { items: [{ id: USER.id, email: "ada@example.org", name: USER.name, role: "editor", disabled: false, createdAt: AT }] } },
  createUser: {
    request: { email: "new.reporter@example.org", name: "New Reporter", role: "editor", setupLink: true },
    response: { id: USER.id, email: "new.reporter@example.org", name: "New Reporter", role: "editor", setup: { path: "/set-password/nms_…", url: "https://newsmark.example.org/set-password/nms_…", expiresAt: AT } },
  },
  updateUser: { request: { role: "reviewer" }, response: { id: USER.id, email: "ada@example.org", name: USER.name, role: "reviewer", disabled: false, createdAt: AT } },
  createPasswordSetup: { response: { path: "/set-password/nms_…", url: "https://newsmark.example.org/set-password/nms_…", expiresAt: AT } },
  listTokens: { response: { items: [{ id: USER.id, name: "CMS", createdAt: AT, lastUsedAt: null, expiresAt: null, revokedAt: null, state: "active" }] } },
  createToken: { request: { name: "CMS", expiresInDays: 90 }, response: { id: USER.id, name: "CMS", token: "nmk_…", expiresAt: AT } },
  revokeToken: {},
  getOpenApiDocument: {},
  nextAuthGet: {},
  nextAuthPost: {},
};
