import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRouteHandler } from "@/app/api/articles/[id]/export/route";
import { POST as createArticleRouteHandler } from "@/app/api/articles/route";
import { quoteAt } from "@/lib/anchoring/quote";
import { useDatabase } from "@/lib/server/database/app-database";
import type { PrismaClient } from "@/lib/db/prisma";
import type { NewsmarkArticleExport } from "@/lib/export/newsmark-json";
import type { W3cAnnotationCollection, W3cSpecificResource } from "@/lib/export/w3c";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import type { ArticleDetail } from "@/lib/server/articles/get-article";
import { articleJsonLineChunks } from "@/lib/server/export/stream-articles-jsonl";
import { createEditorAndReviewer, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { loadW3cAssertions, validateNewsmarkJson } from "../../lib/export/export-validators";
import { cps, expectError, expectJson, makeArticle, type ErrorBody, type TestArticle } from "../annotations/annotation-api";
import { CLAIM, CLAIM_QUOTE, correct, THIRD, WITKOFF, type SavedRevision } from "../review/corrections";
import { jsonLinesOf } from "./json-lines-of";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const exportRoute = documented("GET", "/api/articles/[id]/export", exportRouteHandler);
const createArticleRoute = documented("POST", "/api/articles", createArticleRouteHandler);

/** Exports and imports of an article whose correction orphaned some annotations. */

const BASE = "http://newsroom.test:3000";
const HEDGE_QUOTE = "as yet";
const annotationMusts = loadW3cAssertions("annotations/annotationMusts.test");
const collectionMusts = loadW3cAssertions("collections/collectionMusts.test");

function exportRequest(token: string, id: string, query: string): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  return exportRoute(new NextRequest(`${BASE}/api/articles/${id}/export?${query}`, { method: "GET", headers }), { params: Promise.resolve({ id }) });
}

function importRequest(token: string, body: unknown): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${token}`, "content-type": "application/json" });
  const req = new NextRequest(`${BASE}/api/articles`, { method: "POST", headers, body: JSON.stringify(body) });
  return createArticleRoute(req, { params: Promise.resolve({}) });
}

async function rowCounts(prisma: PrismaClient) {
  return {
    articles: await prisma.article.count(),
    annotations: await prisma.annotation.count(),
    links: await prisma.annotationLink.count(),
    audit: await prisma.auditEvent.count(),
  };
}

describeEachDatabase("export and import of an article with orphaned annotations", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let editorToken: string;
  let reviewerToken: string;
  let article: TestArticle;
  let corrected: SavedRevision;
  /** Approved, on words the correction kept. */
  let attribution: AnnotationJson;
  /** Pending, on words the correction kept. */
  let pendingHedge: AnnotationJson;
  /** On the deleted paragraph: orphaned. */
  let claim: AnnotationJson;
  /** On the deleted paragraph, linked to the claim: orphaned, then rejected by a reviewer. */
  let dismissed: AnnotationJson;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, pool: db.pool });
    ({ editor, reviewer, token: editorToken, reviewerToken } = await createEditorAndReviewer(db.prisma));
    article = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM, THIRD], "Guarantees, corrected");
    const tag = async (kind: string, exact: string) =>
      (await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind, quote: { exact } })).annotation;
    attribution = await tag("attribution", "US special envoy Steve Witkoff");
    claim = await tag("claim", CLAIM_QUOTE);
    dismissed = await tag("hedge", HEDGE_QUOTE);
    pendingHedge = await tag("hedge", "rose slightly");
    // A link from a placed annotation to an orphan, and one between two orphans.
    await createLink(db.prisma, editor, attribution.id, { type: "attributes", targetId: claim.id });
    await createLink(db.prisma, editor, dismissed.id, { type: "qualifies", targetId: claim.id });
    await reviewAnnotation(db.prisma, reviewer, attribution.id, { version: 1, decision: "approve" });

    // The correction deletes the claim's paragraph (as in tests/integration/revisions).
    corrected = await correct(editorToken, article.id, article.revisionId, [WITKOFF, THIRD]);
    expect(corrected.outcomes).toEqual({ [attribution.id]: "kept", [claim.id]: "orphaned", [dismissed.id]: "orphaned", [pendingHedge.id]: "moved" });
    const orphan = await db.prisma.annotation.findUniqueOrThrow({ where: { id: dismissed.id } });
    dismissed = await reviewAnnotation(db.prisma, reviewer, dismissed.id, { version: orphan.version, decision: "reject", note: "Paragraph dropped." });
    expect(dismissed).toMatchObject({ status: "rejected", revisionId: article.revisionId });
  });

  it("fixture: the orphans' stored offsets select other words in the current text", async () => {
    const rows = await db.prisma.annotation.findMany({ where: { id: { in: [claim.id, dismissed.id] } } });
    for (const row of rows) {
      expect(row.revisionId).toBe(article.revisionId);
      expect(cps(corrected.revision.text).slice(row.start, row.end).join("")).not.toBe(row.quoteExact);
      expect(cps(article.text).slice(row.start, row.end).join("")).toBe(row.quoteExact);
    }
  });

  it("Newsmark JSON: valid against the schema; orphans have null offsets and their old quote; the rest keep the invariant", async () => {
    const json = await expectJson<NewsmarkArticleExport>(await exportRequest(editorToken, article.id, "format=json"), 200);
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json.revision.id).toBe(corrected.revision.id);
    expect(json.text).toBe(corrected.revision.text);
    const byId = new Map(json.annotations.map((a) => [a.id, a]));
    expect(byId.get(claim.id)).toMatchObject({ start: null, end: null, status: "orphaned", quote: quoteAt(article.text, claim.start, claim.end) });
    expect(byId.get(claim.id)!.quote.exact).toBe(CLAIM_QUOTE);
    expect(byId.get(dismissed.id)).toMatchObject({
      start: null,
      end: null,
      status: "rejected",
      reviewNote: "Paragraph dropped.",
      quote: quoteAt(article.text, dismissed.start, dismissed.end),
      links: [{ type: "qualifies", targetId: claim.id }],
    });
    const points = cps(json.text);
    const placed = json.annotations.filter((a) => a.start !== null);
    expect(placed.map((a) => a.id).sort()).toEqual([attribution.id, pendingHedge.id].sort());
    for (const a of placed) expect(points.slice(a.start!, a.end!).join("")).toBe(a.quote.exact);
    // Placed ones in document order; those without a place in the text after them.
    expect(json.annotations.map((a) => a.id)).toEqual([attribution.id, pendingHedge.id, claim.id, dismissed.id]);
    expect(json.summary).toEqual({ claim: 1, hedge: 2, attribution: 1, pending: 1, approved: 1, rejected: 1, orphaned: 1, unattributedClaims: 0 });
  });

  it("approved only: no orphans, nothing with null offsets", async () => {
    const json = await expectJson<NewsmarkArticleExport>(await exportRequest(editorToken, article.id, "format=json&status=approved"), 200);
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json.annotations.map((a) => [a.id, a.start === null])).toEqual([[attribution.id, false]]);
  });

  it("W3C: orphans are targeted by their old quote alone, and every item passes the MUST assertions", async () => {
    const collection = await expectJson<W3cAnnotationCollection>(await exportRequest(editorToken, article.id, "format=w3c"), 200);
    for (const assertion of collectionMusts) expect(assertion.passes(collection), `${assertion.file}: ${assertion.errors(collection)}`).toBe(true);
    const items = collection.first.items;
    for (const item of items) {
      for (const assertion of annotationMusts) expect(assertion.passes(item), `${assertion.file} ${item.id}: ${assertion.errors(item)}`).toBe(true);
    }
    const targetOf = (id: string) => items.find((i) => i.id === `${BASE}/api/annotations/${id}`)!.target as W3cSpecificResource;
    for (const orphan of [claim, dismissed]) {
      expect(targetOf(orphan.id).selector).toEqual([{ type: "TextQuoteSelector", ...quoteAt(article.text, orphan.start, orphan.end) }]);
      expect(targetOf(orphan.id).state).toBeUndefined();
    }
    const points = cps(corrected.revision.text);
    for (const id of [attribution.id, pendingHedge.id]) {
      const [quote, position] = targetOf(id).selector;
      expect(position).toMatchObject({ type: "TextPositionSelector" });
      expect(points.slice(position!.start, position!.end).join("")).toBe(quote.exact);
      expect(targetOf(id).state!.cached).toBe(`urn:uuid:${corrected.revision.id}`);
    }
    // The dismissal is still exported as the reviewer's assessment.
    expect(items.filter((i) => i.motivation === "assessing").map((i) => i.target)).toContain(`${BASE}/api/annotations/${dismissed.id}`);
  });

  it("JSON Lines: the bulk export carries the same null offsets", async () => {
    const lines = await jsonLinesOf(articleJsonLineChunks(db, editor, { ids: article.id }));
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as NewsmarkArticleExport;
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json.annotations.filter((a) => a.start === null).map((a) => a.id)).toEqual([claim.id, dismissed.id]);
    const points = cps(json.text);
    for (const a of json.annotations.filter((x) => x.start !== null)) expect(points.slice(a.start!, a.end!).join("")).toBe(a.quote.exact);
  });

  describe("importing the export", () => {
    let file: NewsmarkArticleExport;

    beforeAll(async () => {
      file = await expectJson<NewsmarkArticleExport>(await exportRequest(editorToken, article.id, "format=json"), 200);
    });

    it("imports the placed annotations, skips the orphans, says how many, and audits the count", async () => {
      const body = await expectJson<ArticleDetail & { skippedWithoutText: number }>(
        await importRequest(reviewerToken, { format: "newsmark", content: file }),
        201,
      );
      expect(body.skippedWithoutText).toBe(2);
      expect(body.revision.text).toBe(file.text);
      expect(body.annotations.map((a) => [a.kind, a.quote.exact, a.status])).toEqual([
        ["attribution", "US special envoy Steve Witkoff", "approved"],
        ["hedge", "rose slightly", "pending"],
      ]);
      for (const a of body.annotations) expect(cps(body.revision.text).slice(a.start, a.end).join("")).toBe(a.quote.exact);
      // The attribution's link pointed at a skipped claim: it has nothing to join.
      expect(body.annotations.flatMap((a) => a.links)).toEqual([]);
      expect(await db.prisma.annotationLink.count({ where: { from: { articleId: body.article.id } } })).toBe(0);
      const events = await db.prisma.auditEvent.findMany({ where: { action: "article.create", entityId: body.article.id } });
      expect(events).toHaveLength(1);
      expect(events[0]!.after).toMatchObject({ format: "newsmark", annotations: 2, links: 0, skippedWithoutText: 2 });
    });

    it("answers skippedWithoutText 0 for an export without orphans, and leaves it out for other formats", async () => {
      const placedOnly = { ...file, annotations: file.annotations.filter((a) => a.start !== null).map((a) => ({ ...a, links: [] })) };
      const body = await expectJson<ArticleDetail & { skippedWithoutText?: number }>(await importRequest(reviewerToken, { format: "newsmark", content: placedOnly }), 201);
      expect(body.skippedWithoutText).toBe(0);
      expect(body.annotations).toHaveLength(2);
      const text = await expectJson<ArticleDetail & { skippedWithoutText?: number }>(await importRequest(reviewerToken, { format: "text", title: "Plain", content: "Just text." }), 201);
      expect("skippedWithoutText" in text).toBe(false);
    });

    const refusals: [string, (f: NewsmarkArticleExport) => void, RegExp, RegExp][] = [
      [
        "null offsets on a pending annotation",
        (f) => Object.assign(f.annotations.find((a) => a.status === "pending")!, { start: null, end: null }),
        /content\.annotations\.1\.start/,
        /may be null only for an orphaned or rejected annotation .*; this one is pending/,
      ],
      [
        "null offsets on an approved annotation",
        (f) => Object.assign(f.annotations.find((a) => a.status === "approved")!, { start: null, end: null }),
        /content\.annotations\.0\.start/,
        /this one is approved/,
      ],
      [
        "only one offset null",
        (f) => Object.assign(f.annotations.find((a) => a.status === "orphaned")!, { start: 3 }),
        /content\.annotations\.2\.end/,
        /both be offsets, or both be null/,
      ],
    ];
    for (const [name, spoil, path, message] of refusals) {
      it(`refuses ${name}, whole, with a clear message`, async () => {
        const spoilt = structuredClone(file);
        spoil(spoilt);
        const before = await rowCounts(db.prisma);
        const body: ErrorBody = await expectError(await importRequest(reviewerToken, { format: "newsmark", content: spoilt }), 400, "validation_failed");
        const details = body.error.details as { path: string; message: string }[];
        expect(details.map((d) => d.path).join(" ")).toMatch(path);
        expect(body.error.message).toMatch(message);
        expect(await rowCounts(db.prisma)).toEqual(before);
      });
    }
  });
});
