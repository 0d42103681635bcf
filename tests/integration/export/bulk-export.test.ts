import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { NextRequest } from "next/server";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRouteHandler } from "@/app/api/export/route";
import { useDatabase } from "@/lib/server/database/app-database";
import { toNewsmarkJson, type NewsmarkArticleExport } from "@/lib/export/newsmark-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { deleteAnnotation } from "@/lib/server/annotations/delete-annotation";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { createArticle } from "@/lib/server/articles/create-article";
import { loadExportSources } from "@/lib/server/export/load-export-source";
import { openJsonLines, type JsonLinesSource } from "@/lib/server/export/open-json-lines";
import { articleJsonLineChunks } from "@/lib/server/export/stream-articles-jsonl";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { validateNewsmarkJson } from "../../lib/export/export-validators";
import { cps, expectError, makeArticle } from "../annotations/annotation-api";
import { CLAIM, CLAIM_QUOTE, correct, THIRD, WITKOFF } from "../review/corrections";
import { annotatedArticle, type AnnotatedArticle } from "./bulk-fixtures";
import { eachJsonLine, jsonLinesOf } from "./json-lines-of";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const exportRoute = documented("GET", "/api/export", exportRouteHandler);

const noParams = { params: Promise.resolve({}) };

function get(query: string, token?: string): Promise<Response> {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  return exportRoute(new NextRequest(`http://localhost/api/export${query}`, { method: "GET", headers }), noParams);
}

/** The body as parsed lines; every line must be complete JSON ending in "\n". */
async function lines(res: Response): Promise<NewsmarkArticleExport[]> {
  const body = await res.text();
  expect(res.status, body).toBe(200);
  if (body === "") return [];
  expect(body.endsWith("\n")).toBe(true);
  return body
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as NewsmarkArticleExport);
}

describeEachDatabase("GET /api/export (JSON Lines)", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let token: string;
  let articles: AnnotatedArticle[];
  let deletedId: string;
  const OLD = new Date("2020-01-01T00:00:00.000Z");

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, pool: db.pool });
    editor = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    token = await createTestToken(db.prisma, editor.email);
    articles = [];
    for (let i = 0; i < 7; i++) articles.push(await annotatedArticle(db.prisma, editor, reviewer, `Story ${i}`));
    // An eighth, deleted: it must never be exported.
    const deleted = await annotatedArticle(db.prisma, editor, reviewer, "Withdrawn");
    await db.prisma.article.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    deletedId = deleted.id;
    // Three articles share one old timestamp, so keyset pagination must break ties by id.
    await db.prisma.article.updateMany({ where: { id: { in: articles.slice(0, 3).map((a) => a.id) } }, data: { updatedAt: OLD } });
  });

  it("streams one valid Newsmark JSON line per live article, as application/x-ndjson, oldest change first", async () => {
    const res = await get("?format=jsonl", token);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const exported = await lines(res);
    const live = await db.prisma.article.findMany({ where: { deletedAt: null }, orderBy: [{ updatedAt: "asc" }, { id: "asc" }] });
    expect(exported.map((e) => e.article.id)).toEqual(live.map((a) => a.id));
    expect(exported.map((e) => e.article.id)).not.toContain(deletedId);
    expect(exported).toHaveLength(7);
    for (const e of exported) {
      expect(e).toMatchObject({ format: "newsmark.article", version: 1, offsets: "unicode-code-points" });
      const source = articles.find((a) => a.id === e.article.id)!;
      expect(e.text).toBe(source.text);
      expect(e.annotations).toHaveLength(4);
      for (const a of e.annotations) {
        // The export's central promise, with astral characters before and inside the spans.
        expect(cps(e.text).slice(a.start!, a.end!).join("")).toBe(a.quote.exact);
      }
      const byId = new Map(e.annotations.map((a) => [a.id, a]));
      expect(byId.get(source.ids.attribution)!.links).toEqual([{ type: "attributes", targetId: source.ids.claim }]);
      expect(byId.get(source.ids.hedge)!.links).toEqual([{ type: "qualifies", targetId: source.ids.figure }]);
      expect(e.summary).toMatchObject({ claim: 2, hedge: 1, attribution: 1, approved: 2, rejected: 1, pending: 1, unattributedClaims: 1 });
    }
  });

  it("walks across batch boundaries and timestamp ties without losing or repeating an article", async () => {
    const whole = (await jsonLinesOf(articleJsonLineChunks(db, editor, {}))).map((l) => (JSON.parse(l) as NewsmarkArticleExport).article.id);
    for (const size of [1, 2, 3]) {
      const paged = (await jsonLinesOf(articleJsonLineChunks(db, editor, {}, size))).map((l) => (JSON.parse(l) as NewsmarkArticleExport).article.id);
      expect(paged, `batch size ${size}`).toEqual(whole);
    }
    expect(new Set(whole).size).toBe(7);
  });

  it("frees every database connection when the reader stops early, and the next export is whole", async () => {
    const chunks = articleJsonLineChunks(db, editor, {}, 1);
    expect((await chunks.next()).done).toBe(false);
    await chunks.return(undefined);
    // On a server each batch holds a connection for its COPY: the one being read, and those opened
    // ahead, which may still be connecting (waiting) when the reader stops.
    const busy = (pool: pg.Pool) => pool.totalCount - pool.idleCount + pool.waitingCount;
    if (db.pool) await expect.poll(() => busy(db.pool!)).toBe(0);
    expect(await jsonLinesOf(articleJsonLineChunks(db, editor, {}, 1))).toHaveLength(7);
  });

  it("status=approved keeps every article but only approved annotations, and only links between them", async () => {
    const exported = await lines(await get("?format=jsonl&status=approved", token));
    expect(exported).toHaveLength(7);
    const approved = await db.prisma.annotation.findMany({ where: { status: "approved", deletedAt: null, article: { deletedAt: null } } });
    expect(exported.flatMap((e) => e.annotations.map((a) => a.id)).sort()).toEqual(approved.map((a) => a.id).sort());
    for (const e of exported) {
      expect(e.annotations.every((a) => a.status === "approved")).toBe(true);
      const source = articles.find((a) => a.id === e.article.id)!;
      const attribution = e.annotations.find((a) => a.id === source.ids.attribution)!;
      expect(attribution.links).toEqual([{ type: "attributes", targetId: source.ids.claim }]);
      expect(e.summary).toMatchObject({ approved: 2, pending: 0, rejected: 0 });
    }
  });

  it("since returns only articles changed at or after that moment", async () => {
    const recent = await lines(await get(`?format=jsonl&since=${encodeURIComponent("2021-06-01T00:00:00Z")}`, token));
    expect(recent.map((e) => e.article.id).sort()).toEqual(articles.slice(3).map((a) => a.id).sort());
    // The bound is inclusive: an article changed exactly then is included.
    const exact = await lines(await get(`?since=${encodeURIComponent(OLD.toISOString())}`, token));
    expect(exact).toHaveLength(7);
    const dateOnly = await lines(await get("?since=2020-01-02", token));
    expect(dateOnly).toHaveLength(4);
    const future = await lines(await get(`?since=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`, token));
    expect(future).toEqual([]);
  });

  it("ids limits the export to the ticked articles, one ids per checkbox or comma-separated", async () => {
    const [a, b] = [articles[4]!.id, articles[1]!.id];
    const ticked = await lines(await get(`?format=jsonl&ids=${a}&ids=${b}`, token));
    expect(ticked.map((e) => e.article.id).sort()).toEqual([a, b].sort());
    const joined = await lines(await get(`?ids=${a},${deletedId}`, token));
    expect(joined.map((e) => e.article.id)).toEqual([a]);
  });

  it("refuses bad queries with 400 before streaming anything", async () => {
    for (const query of ["?ids=not-a-uuid", "?since=yesterday", "?since=2025-13-45T00:00:00Z", "?format=csv", "?format=w3c", "?status=pending", "?limit=5", "?since="]) {
      const body = await expectError(await get(query, token), 400, "validation_failed");
      expect(Array.isArray(body.error.details), query).toBe(true);
    }
  });

  it("refuses a made-up token with 401 and no data", async () => {
    const res = await get("?format=jsonl", `nmk_${randomUUID().replaceAll("-", "")}`);
    const body = await expectError(res, 401, "unauthorized");
    expect(JSON.stringify(body)).not.toContain(articles[0]!.id);
  });

  it("lets every role export", async () => {
    for (const role of ["reviewer", "admin"] as const) {
      const user = await createTestUser(db.prisma, { role });
      expect(await lines(await get("", await createTestToken(db.prisma, user.email)))).toHaveLength(7);
    }
  });
});

describeEachDatabase("bulk export lines written by PostgreSQL", (db) => {
  const exportedAt = new Date("2025-09-03T08:00:00.123Z");
  const linesOf = async (articleIds: string[], status: "all" | "approved", source: JsonLinesSource = db) =>
    jsonLinesOf((await openJsonLines(source, articleIds, status, exportedAt)).chunks);
  let ids: string[];
  let orphaned: string;
  let orphans: string[];

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, pool: db.pool });
    const editor = await createTestUser(db.prisma, { role: "editor" });
    const reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    const token = await createTestToken(db.prisma, editor.email);
    // Astral characters, links both ways, approvals and a rejection with review notes.
    const rich = await annotatedArticle(db.prisma, editor, reviewer, "Rich “quoted” 🇺🇦");

    // Text JSON must escape, attributes on each of the ways jsonb is written compactly (empty; plain;
    // with "null", ", " and ": " inside a value), and a deleted annotation that a live one links to.
    // Markdown with a link, whose mark has a null title: the document holds "null".
    const tricky = await createArticle(db.prisma, editor, {
      title: 'A "title" with \\ backslashes, a tab\tand 漢字',
      byline: "By Zoë \"Z\" Ng",
      sourceUrl: "https://example.org/news?a=1&b=2",
      format: "markdown",
      content: "First paragraph: the [mayor](https://example.org/mayor) said rents would fall.\n\nSecond: “no comment”, said the landlord.",
    });
    const trickyRevision = await db.prisma.revision.findUniqueOrThrow({ where: { id: tricky.revision.id } });
    expect(JSON.stringify(trickyRevision.doc)).toContain('"title":null');
    const text = trickyRevision.text;
    const tag = async (kind: string, exact: string, extra: Record<string, unknown> = {}) =>
      (await createAnnotation(db.prisma, editor, tricky.id, { revisionId: tricky.revision.id, kind, quote: { exact }, ...extra })).annotation;
    const claim = await tag("claim", "rents would fall", { note: 'Line one\nline two\t"quoted" \\ \u0001 \u0002 \r\n \u001f end', attributes: { checkWorthy: false } });
    await tag("attribution", "the mayor said", { attributes: { sourceName: 'Mayor\'s office, "null": none', sourceType: "person" } });
    const landlord = await tag("attribution", "said the landlord", { attributes: { sourceName: "the landlord", sourceType: "anonymous" } });
    const gone = await tag("hedge", "no comment");
    await createLink(db.prisma, editor, landlord.id, { type: "attributes", targetId: claim.id });
    await createLink(db.prisma, editor, gone.id, { type: "qualifies", targetId: claim.id });
    const goneNow = await db.prisma.annotation.findUniqueOrThrow({ where: { id: gone.id } });
    await deleteAnnotation(db.prisma, editor, gone.id, { version: String(goneNow.version) });
    expect(text).toContain("rents would fall");

    // A correction that orphans a claim and a linked hedge; a reviewer then rejects the hedge.
    const article = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM, THIRD], "Guarantees, corrected");
    const tagOn = async (kind: string, exact: string) =>
      (await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind, quote: { exact } })).annotation;
    const attribution = await tagOn("attribution", "US special envoy Steve Witkoff");
    const orphanClaim = await tagOn("claim", CLAIM_QUOTE);
    const orphanHedge = await tagOn("hedge", "as yet");
    await tagOn("hedge", "rose slightly");
    await createLink(db.prisma, editor, attribution.id, { type: "attributes", targetId: orphanClaim.id });
    await createLink(db.prisma, editor, orphanHedge.id, { type: "qualifies", targetId: orphanClaim.id });
    await reviewAnnotation(db.prisma, reviewer, attribution.id, { version: 1, decision: "approve", note: "Checked." });
    await correct(token, article.id, article.revisionId, [WITKOFF, THIRD]);
    const hedgeNow = await db.prisma.annotation.findUniqueOrThrow({ where: { id: orphanHedge.id } });
    await reviewAnnotation(db.prisma, reviewer, orphanHedge.id, { version: hedgeNow.version, decision: "reject", note: "Paragraph dropped." });

    const bare = await createArticle(db.prisma, editor, { title: "No annotations", format: "text", content: "Nothing tagged here." });
    ids = [rich.id, tricky.id, article.id, bare.id];
    orphaned = article.id;
    orphans = [orphanClaim.id, orphanHedge.id];
  });

  for (const status of ["all", "approved"] as const) {
    it(`equal, byte for byte, what toNewsmarkJson writes from the same rows (status=${status})`, async () => {
      // Out of order on purpose: lines come in the order asked for.
      const order = [ids[2]!, ids[0]!, ids[3]!, ids[1]!];
      const lines = await linesOf(order, status);
      const sources = await loadExportSources(db.prisma, order, status);
      expect(sources.map((s) => s.article.id)).toEqual(order);
      expect(lines).toHaveLength(order.length);
      lines.forEach((line, i) => {
        const expected = toNewsmarkJson(sources[i]!, exportedAt);
        expect(line.endsWith("\n")).toBe(true);
        expect(line.indexOf("\n")).toBe(line.length - 1);
        const parsed = JSON.parse(line) as NewsmarkArticleExport;
        expect(parsed).toEqual(expected);
        expect(validateNewsmarkJson(parsed)).toEqual([]);
        expect(line).toBe(`${JSON.stringify(expected)}\n`);
      });
    });
  }

  it("fixture: covers orphans, links dropped with what they point at, reviews and both ends of the filter", async () => {
    const [all, approved] = await Promise.all(
      (["all", "approved"] as const).map(async (status) => (await linesOf(ids, status)).map((line) => JSON.parse(line) as NewsmarkArticleExport)),
    );
    const withOrphans = all!.find((e) => e.article.id === orphaned)!;
    expect(withOrphans.annotations.filter((a) => a.start === null).map((a) => a.id)).toEqual(orphans);
    expect(withOrphans.summary).toMatchObject({ orphaned: 1, rejected: 1, approved: 1 });
    const tricky = all![1]!;
    expect(tricky.annotations).toHaveLength(3);
    expect(tricky.annotations.flatMap((a) => a.links).map((l) => l.type)).toEqual(["attributes"]);
    expect(tricky.article.byline).toBe('By Zoë "Z" Ng');
    for (const e of approved!) expect(e.annotations.every((a) => a.status === "approved" && a.start !== null)).toBe(true);
    expect(approved!.flatMap((e) => e.annotations.flatMap((a) => a.links))).not.toEqual([]);
    expect(all![3]!.annotations).toEqual([]);
    expect(all![3]!.summary).toEqual({ claim: 0, hedge: 0, attribution: 0, pending: 0, approved: 0, rejected: 0, orphaned: 0, unattributedClaims: 0 });
  });

  // Defined where there is a server: PGlite has no COPY to a client.
  if (db.kind === "postgresql") {
    it("on a server, reads the lines by COPY: the same bytes as the query's rows, without Prisma", async () => {
      const untouchable = new Proxy({}, { get: () => { throw new Error("COPY must not go through Prisma"); } }) as never;
      for (const status of ["all", "approved"] as const) {
        const copied = await linesOf(ids, status, { prisma: untouchable, pool: db.pool! });
        const queried = await linesOf(ids, status, { prisma: db.prisma });
        expect(copied).toHaveLength(ids.length);
        expect(copied).toEqual(queried);
      }
    });

    it("on a server, COPY writes UTF-8 whatever the session's client encoding", async () => {
      // 漢字 in a title has no LATIN1 form: without the COPY's own encoding, the query would fail.
      const latin1 = new pg.Pool({ connectionString: db.pool!.options.connectionString });
      latin1.on("connect", (client) => void client.query("SET client_encoding TO 'LATIN1'"));
      try {
        expect(await linesOf(ids, "all", { prisma: db.prisma, pool: latin1 })).toEqual(await linesOf(ids, "all"));
      } finally {
        await latin1.end();
      }
    });
  }

  it("leaves out ids of articles that are unknown or have no revision", async () => {
    const lines = await linesOf([randomUUID(), ids[3]!], "all");
    expect(lines.map((line) => (JSON.parse(line) as NewsmarkArticleExport).article.id)).toEqual([ids[3]]);
    expect(await linesOf([], "all")).toEqual([]);
    expect(await linesOf([randomUUID()], "all")).toEqual([]);
  });
});

/** Turns on `gc()` for this process, so heap samples measure what is kept alive rather than garbage not yet collected. */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

describeEachDatabase("bulk export memory", (db) => {
  const ARTICLES = 300;
  const MB = 1024 * 1024;
  const BOUND = 60 * MB;
  let editor: TestUser;

  beforeAll(async () => {
    editor = await createTestUser(db.prisma, { role: "editor" });
    // One long article (about 120 KB of text), parsed and tagged once, then copied row for row:
    // building 300 through the importer would test the importer's speed, not the export's memory.
    const paragraph = (i: number) => `Paragraph ${i}: the council said the budget would rise by ${i}% next year, officials confirmed, café owners objected. `.repeat(6).trim();
    const content = Array.from({ length: 180 }, (_, i) => paragraph(i)).join("\n\n");
    const template = await createArticle(db.prisma, editor, { title: "Budget 0", format: "text", content });
    const revision = await db.prisma.revision.findUniqueOrThrow({ where: { id: template.revision.id } });
    for (const exact of ["the budget would rise by 7%", "officials confirmed", "café owners objected"]) {
      // Latin-1 only, so UTF-16 indexes are code point offsets.
      const start = revision.text.indexOf(exact, revision.text.indexOf("Paragraph 7:"));
      await createAnnotation(db.prisma, editor, template.id, { revisionId: revision.id, kind: "claim", start, end: start + exact.length });
    }
    const annotations = await db.prisma.annotation.findMany({ where: { articleId: template.id } });
    for (let chunk = 1; chunk < ARTICLES; chunk += 50) {
      const ids = Array.from({ length: Math.min(50, ARTICLES - chunk) }, () => ({ article: randomUUID(), revision: randomUUID() }));
      await db.prisma.article.createMany({ data: ids.map((id, i) => ({ id: id.article, title: `Budget ${chunk + i}`, createdById: editor.id })) });
      await db.prisma.revision.createMany({
        data: ids.map((id) => ({ id: id.revision, articleId: id.article, number: 1, doc: revision.doc as object, text: revision.text, createdById: editor.id })),
      });
      await db.prisma.annotation.createMany({
        data: ids.flatMap((id) =>
          annotations.map((a) => ({
            kind: a.kind,
            from: a.from,
            to: a.to,
            start: a.start,
            end: a.end,
            quoteExact: a.quoteExact,
            quotePrefix: a.quotePrefix,
            quoteSuffix: a.quoteSuffix,
            attributes: a.attributes as object,
            createdById: a.createdById,
            articleId: id.article,
            revisionId: id.revision,
          })),
        ),
      });
    }
    await db.prisma.$executeRaw`UPDATE articles a SET "currentRevisionId" = r.id FROM revisions r WHERE r."articleId" = a.id AND a."currentRevisionId" IS NULL`;
  });

  it(`streams ${ARTICLES} articles while the heap stays within a fixed bound of where it started`, async () => {
    const gc = exposeGc();
    gc();
    const start = process.memoryUsage().heapUsed;
    let peak = start;
    let count = 0;
    let bytes = 0;
    for await (const line of eachJsonLine(articleJsonLineChunks(db, editor, { status: "all" }))) {
      count++;
      bytes += Buffer.byteLength(line);
      const parsed = JSON.parse(line) as NewsmarkArticleExport;
      expect(parsed.annotations).toHaveLength(3);
      if (count % 25 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    gc();
    const end = process.memoryUsage().heapUsed;
    console.info(
      `[${db.kind}] bulk export heap: start ${(start / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB (+${((peak - start) / MB).toFixed(1)}), ` +
        `end ${(end / MB).toFixed(1)} MB, streamed ${(bytes / MB).toFixed(1)} MB in ${count} lines`,
    );
    expect(count).toBe(ARTICLES);
    // The bound means something only if the export as a whole would not fit under it.
    expect(bytes).toBeGreaterThan(BOUND);
    expect(peak - start).toBeLessThan(BOUND);
  });
});

describe("bulk export query", () => {
  it("validates on the call, before any row is read", () => {
    const db = new Proxy({}, { get: () => { throw new Error("the database must not be touched"); } }) as never;
    const actor = { id: randomUUID(), email: "e@newsmark.test", name: "E", role: "editor" as const };
    const source = { prisma: db, pool: db };
    expect(() => articleJsonLineChunks(source, actor, { since: "soon" })).toThrow(/since/);
    expect(() => articleJsonLineChunks(source, actor, { format: "xml" })).toThrow(/format/);
  });
});
