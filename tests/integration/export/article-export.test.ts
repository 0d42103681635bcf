import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, expect, it } from "vitest";
import { GET as exportRouteHandler } from "@/app/api/articles/[id]/export/route";
import { useDatabase } from "@/lib/server/database/app-database";
import type { NewsmarkArticleExport } from "@/lib/export/newsmark-json";
import type { W3cAnnotationCollection, W3cSpecificResource } from "@/lib/export/w3c";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { createEditorAndReviewer, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { loadW3cAssertions, validateNewsmarkJson } from "../../lib/export/export-validators";
import { expectError, expectJson, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const exportRoute = documented("GET", "/api/articles/[id]/export", exportRouteHandler);

// Astral emoji, a combining accent, Hebrew and CJK before the annotated spans, so that code-point
// offsets and UTF-16 offsets disagree by the time the quotes start.
const PARAGRAPHS = [
  "Le café\u0301 👩‍👩‍👧 a dit que les loyers baisseraient de dix pour cent, selon un porte-parole.",
  "שלום 漢字 𠜎: Tenants' groups said the cut was probably smaller than promised.",
];

const BASE = "http://newsroom.test:3000";

function exportRequest(token: string, id: string, query: string): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  const req = new NextRequest(`${BASE}/api/articles/${id}/export${query ? `?${query}` : ""}`, { method: "GET", headers });
  return exportRoute(req, { params: Promise.resolve({ id }) });
}

const annotationMusts = loadW3cAssertions("annotations/annotationMusts.test");
const collectionMusts = loadW3cAssertions("collections/collectionMusts.test");

describeEachDatabase("GET /api/articles/:id/export", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let editorToken: string;
  let reviewerToken: string;
  let article: TestArticle;
  let claim: AnnotationJson;
  let pendingClaim: AnnotationJson;
  let attribution: AnnotationJson;
  let hedge: AnnotationJson;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    ({ editor, reviewer, token: editorToken, reviewerToken } = await createEditorAndReviewer(db.prisma));
    article = await makeArticle(db.prisma, editor, PARAGRAPHS, "Les loyers vont baisser — 漢字 edition");
    const tag = async (kind: string, exact: string, extra: Record<string, unknown> = {}) =>
      (await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind, quote: { exact }, ...extra })).annotation;
    claim = await tag("claim", "les loyers baisseraient de dix pour cent", { note: "Vérifier 👀" });
    attribution = await tag("attribution", "selon un porte-parole", { attributes: { sourceName: "Porte-parole", sourceType: "person" } });
    pendingClaim = await tag("claim", "the cut was probably smaller than promised");
    hedge = await tag("hedge", "probably");
    await createLink(db.prisma, editor, attribution.id, { type: "attributes", targetId: claim.id });
    await createLink(db.prisma, editor, hedge.id, { type: "qualifies", targetId: pendingClaim.id });
    // The attribution is approved too, so its link to the (approved) claim survives the filter.
    for (const a of [claim, attribution]) await reviewAnnotation(db.prisma, reviewer, a.id, { version: 1, decision: "approve", note: "Checked." });
  });

  it("exports Newsmark JSON that the schema accepts, every quote matching its code-point offsets", async () => {
    const res = await exportRequest(editorToken, article.id, "");
    const json = await expectJson<NewsmarkArticleExport>(res, 200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="les-loyers-vont-baisser-edition-json.json"');
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json.article.id).toBe(article.id);
    expect(json.revision.id).toBe(article.revisionId);
    expect(json.text).toBe(article.text);
    expect(json.annotations.map((a) => a.id).sort()).toEqual([claim.id, attribution.id, pendingClaim.id, hedge.id].sort());
    const points = [...json.text];
    for (const a of json.annotations) expect(points.slice(a.start!, a.end!).join("")).toBe(a.quote.exact);
    // The emoji and accents before it make code-point and UTF-16 offsets differ.
    const exported = json.annotations.find((a) => a.id === claim.id)!;
    expect(exported.start).not.toBe(article.text.indexOf(claim.quote.exact));
    expect(exported).toMatchObject({ status: "approved", note: "Vérifier 👀", reviewNote: "Checked.", reviewedBy: { id: reviewer.id, email: reviewer.email } });
    expect(json.annotations.find((a) => a.id === attribution.id)!.links).toEqual([{ type: "attributes", targetId: claim.id }]);
    expect(json.annotations.find((a) => a.id === hedge.id)!.links).toEqual([{ type: "qualifies", targetId: pendingClaim.id }]);
    expect(json.summary).toEqual({ claim: 2, hedge: 1, attribution: 1, pending: 2, approved: 2, rejected: 0, orphaned: 0, unattributedClaims: 1 });
  });

  it("approved only: leaves out pending annotations and the links that point at them", async () => {
    const json = await expectJson<NewsmarkArticleExport>(await exportRequest(reviewerToken, article.id, "format=json&status=approved"), 200);
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json.annotations.map((a) => a.id).sort()).toEqual([claim.id, attribution.id].sort());
    expect(json.annotations.every((a) => a.status === "approved")).toBe(true);
    expect(json.annotations.find((a) => a.id === attribution.id)!.links).toEqual([{ type: "attributes", targetId: claim.id }]);
    expect(json.summary).toMatchObject({ claim: 1, hedge: 0, attribution: 1, pending: 0, approved: 2, unattributedClaims: 0 });
  });

  it("exports a W3C annotation collection that passes the suite's MUST assertions", async () => {
    const res = await exportRequest(editorToken, article.id, "format=w3c&status=all");
    const collection = await expectJson<W3cAnnotationCollection>(res, 200);
    expect(res.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="les-loyers-vont-baisser-edition-w3c.json"');
    for (const assertion of collectionMusts) expect(assertion.passes(collection), `${assertion.file}: ${assertion.errors(collection)}`).toBe(true);
    const items = collection.first.items;
    for (const item of items) {
      for (const assertion of annotationMusts) expect(assertion.passes(item), `${assertion.file} ${item.id}: ${assertion.errors(item)}`).toBe(true);
    }
    // 4 spans, 2 links, 2 review decisions; IRIs under the origin the request came to.
    expect(items.map((i) => i.motivation).sort()).toEqual(["assessing", "assessing", "classifying", "classifying", "classifying", "classifying", "linking", "linking"]);
    expect(items.every((i) => i.id.startsWith(`${BASE}/api/annotations/`))).toBe(true);
    const points = [...article.text];
    for (const item of items.filter((i) => i.motivation === "classifying")) {
      const [quote, position] = (item.target as W3cSpecificResource).selector;
      expect(points.slice(position!.start, position!.end).join("")).toBe(quote.exact);
      expect((item.target as W3cSpecificResource).state!.cached).toBe(`urn:uuid:${article.revisionId}`);
    }
  });

  it("W3C approved only: no pending spans, and no links or reviews naming them", async () => {
    const collection = await expectJson<W3cAnnotationCollection>(await exportRequest(editorToken, article.id, "format=w3c&status=approved"), 200);
    const text = JSON.stringify(collection);
    expect(text).not.toContain(pendingClaim.id);
    expect(text).not.toContain(hedge.id);
    expect(collection.first.items.map((i) => i.motivation).sort()).toEqual(["assessing", "assessing", "classifying", "classifying", "linking"]);
    expect(collection.total).toBe(5);
  });

  it("refuses a bad format or status, or an unknown parameter, with 400", async () => {
    for (const query of ["format=csv", "status=pending", "format=json&status=", "format=json&page=2"]) {
      await expectError(await exportRequest(editorToken, article.id, query), 400, "validation_failed");
    }
  });

  it("answers 404 for an unknown, malformed or deleted article", async () => {
    await expectError(await exportRequest(editorToken, randomUUID(), ""), 404, "not_found");
    await expectError(await exportRequest(editorToken, "not-a-uuid", ""), 404, "not_found");
    const gone = await makeArticle(db.prisma, editor, ["This one is deleted."], "Deleted");
    expect((await exportRequest(editorToken, gone.id, "")).status).toBe(200);
    await db.prisma.article.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    await expectError(await exportRequest(editorToken, gone.id, ""), 404, "not_found");
  });

  it("answers 401 to a made-up token", async () => {
    await expectError(await exportRequest("nm_madeup_token_that_does_not_exist", article.id, ""), 401, "unauthorized");
  });
});
