import { expect, type APIRequestContext } from "@playwright/test";

interface Created {
  id: string;
  version: number;
}

/** An article with an annotation of every kind and every status, and a link of each type. */
export interface AnnotatedArticle {
  articleId: string;
  title: string;
  /** Pending claim, attributed to `attribution`. */
  claim: string;
  /** Pending attribution of `claim`. */
  attribution: string;
  /** Approved claim, qualified by `hedge`. */
  approvedClaim: string;
  /** Pending hedge qualifying `approvedClaim`. */
  hedge: string;
  /** Rejected attribution, with a reviewer's reason. */
  rejected: string;
  /** Orphaned: a correction removed its words. */
  orphan: string;
}

const PARAGRAPHS = [
  "Unemployment fell to four percent in March, the minister said.",
  "Prices may rise again next year, according to the central bank.",
  "A closing paragraph that a correction removes.",
];

async function created(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<Created> {
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as Created;
}

/**
 * Imports an article as `author` and gives it one annotation of each kind and status (a reviewer
 * approves one and rejects another; a correction orphans a third), so every way the editor, the
 * queue and the history draw an annotation is on the page.
 */
export async function annotatedArticle(author: APIRequestContext, reviewer: APIRequestContext, title: string): Promise<AnnotatedArticle> {
  const imported = await author.post("/api/articles", { data: { title, format: "text", content: PARAGRAPHS.join("\n\n") } });
  expect(imported.status()).toBe(201);
  const detail = (await imported.json()) as { article: { id: string }; revision: { id: string; doc: { content: unknown[] } } };
  const articleId = detail.article.id;
  const tag = async (kind: string, exact: string) =>
    created(await author.post(`/api/articles/${articleId}/annotations`, { data: { revisionId: detail.revision.id, kind, quote: { exact } } }));
  const link = async (from: Created, type: string, to: Created) =>
    expect((await author.post(`/api/annotations/${from.id}/links`, { data: { type, targetId: to.id } })).status()).toBe(201);
  const review = async (a: Created, decision: string, note?: string) =>
    expect((await reviewer.post(`/api/annotations/${a.id}/review`, { data: { version: a.version, decision, note } })).status()).toBe(200);

  const claim = await tag("claim", "Unemployment fell to four percent in March");
  const attribution = await tag("attribution", "the minister");
  await link(attribution, "attributes", claim);
  const approvedClaim = await tag("claim", "Prices may rise again next year");
  const hedge = await tag("hedge", "may");
  await link(hedge, "qualifies", approvedClaim);
  const rejected = await tag("attribution", "the central bank");
  const orphan = await tag("claim", "A closing paragraph that a correction removes");
  await review(approvedClaim, "approve");
  await review(rejected, "reject", "The bank published no such forecast.");

  // The correction drops the last paragraph; the annotation on it cannot be found again.
  const doc = { ...detail.revision.doc, content: detail.revision.doc.content.slice(0, -1) };
  const revised = await author.post(`/api/articles/${articleId}/revisions`, { data: { baseRevisionId: detail.revision.id, doc } });
  expect(revised.status(), await revised.text()).toBe(201);

  return {
    articleId,
    title,
    claim: claim.id,
    attribution: attribution.id,
    approvedClaim: approvedClaim.id,
    hedge: hedge.id,
    rejected: rejected.id,
    orphan: orphan.id,
  };
}
