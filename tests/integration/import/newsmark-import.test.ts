import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createArticleRouteHandler } from "@/app/api/articles/route";
import { useDatabase } from "@/lib/server/database/app-database";
import type { PrismaClient } from "@/lib/db/prisma";
import { toNewsmarkJson, type NewsmarkArticleExport } from "@/lib/export/newsmark-json";
import { createArticle } from "@/lib/server/articles/create-article";
import type { ArticleDetail } from "@/lib/server/articles/get-article";
import { loadExportSources } from "@/lib/server/export/load-export-source";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { cps, expectError, expectJson, type ErrorBody } from "../annotations/annotation-api";
import { annotatedArticle, type AnnotatedArticle } from "../export/bulk-fixtures";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const createArticleRoute = documented("POST", "/api/articles", createArticleRouteHandler);

const noParams = { params: Promise.resolve({}) };

function post(token: string, body: unknown): Promise<Response> {
  const headers = new Headers({ authorization: `Bearer ${token}`, "content-type": "application/json" });
  return createArticleRoute(new NextRequest("http://localhost/api/articles", { method: "POST", headers, body: JSON.stringify(body) }), noParams);
}

async function exportOf(prisma: PrismaClient, id: string): Promise<NewsmarkArticleExport> {
  const [source] = await loadExportSources(prisma, [id], "all");
  expect(source, `article ${id} exports`).toBeDefined();
  return toNewsmarkJson(source!, new Date());
}

/** An export without what an import may change: ids, times, exportedAt; links point at positions in the list. */
function normalise(file: NewsmarkArticleExport) {
  const position = new Map(file.annotations.map((a, i) => [a.id, i]));
  return {
    article: { title: file.article.title, byline: file.article.byline, sourceUrl: file.article.sourceUrl },
    text: file.text,
    doc: file.doc,
    summary: file.summary,
    annotations: file.annotations.map((a) => ({
      kind: a.kind,
      start: a.start,
      end: a.end,
      quote: a.quote,
      note: a.note,
      attributes: a.attributes,
      status: a.status,
      reviewNote: a.reviewNote,
      reviewed: a.reviewedAt !== null,
      createdBy: a.createdBy.email,
      reviewedBy: a.reviewedBy?.email ?? null,
      links: a.links.map((l) => ({ type: l.type, target: position.get(l.targetId) })),
    })),
  };
}

const clone = <T>(value: T): T => structuredClone(value);

async function rowCounts(prisma: PrismaClient) {
  return {
    articles: await prisma.article.count(),
    revisions: await prisma.revision.count(),
    annotations: await prisma.annotation.count(),
    links: await prisma.annotationLink.count(),
    audit: await prisma.auditEvent.count(),
  };
}

describeEachDatabase("Import of a Newsmark JSON export (POST /api/articles, format newsmark)", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let admin: TestUser;
  let adminToken: string;
  let editorToken: string;
  let original: AnnotatedArticle;
  let file: NewsmarkArticleExport;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    admin = await createTestUser(db.prisma, { role: "admin" });
    adminToken = await createTestToken(db.prisma, admin.email);
    editorToken = await createTestToken(db.prisma, editor.email);
    original = await annotatedArticle(db.prisma, editor, reviewer, "Import");
    await db.prisma.article.update({ where: { id: original.id }, data: { byline: "Wire staff", sourceUrl: "https://news.example.org/ceasefire" } });
    file = await exportOf(db.prisma, original.id);
  });

  it("export → import → export gives the same article apart from ids and times", async () => {
    const res = await post(adminToken, { format: "newsmark", content: file });
    const detail = await expectJson<ArticleDetail>(res, 201);
    expect(detail.article.id).not.toBe(original.id);
    expect(detail.article).toMatchObject({ title: file.article.title, byline: "Wire staff", status: "in_review", createdBy: { id: admin.id } });
    expect(detail.revision).toMatchObject({ number: 1, text: file.text });

    const again = await exportOf(db.prisma, detail.article.id);
    expect(normalise(again)).toEqual(normalise(file));
    // New ids throughout, and the links follow them.
    const oldIds = new Set(file.annotations.map((a) => a.id));
    expect(again.annotations.some((a) => oldIds.has(a.id))).toBe(false);
    for (const a of again.annotations) for (const l of a.links) expect(again.annotations.map((x) => x.id)).toContain(l.targetId);
    // People matched by email keep their own ids.
    expect(new Set(again.annotations.map((a) => a.createdBy.id))).toEqual(new Set([editor.id]));
    expect(new Set(again.annotations.flatMap((a) => (a.reviewedBy ? [a.reviewedBy.id] : [])))).toEqual(new Set([reviewer.id]));
    expect(again.annotations.find((a) => a.status === "approved")!.reviewedAt).toBe(file.annotations.find((a) => a.status === "approved")!.reviewedAt);
    // Editor positions were computed for the imported document: the API serves them with the right quote.
    for (const a of detail.annotations) {
      expect(cps(detail.revision.text).slice(a.start, a.end).join("")).toBe(a.quote.exact);
      expect(a.to).toBeGreaterThan(a.from);
    }
    const original_ = await db.prisma.annotation.findMany({ where: { articleId: original.id }, orderBy: { start: "asc" } });
    const imported = await db.prisma.annotation.findMany({ where: { articleId: detail.article.id }, orderBy: { start: "asc" } });
    expect(imported.map((a) => [a.from, a.to])).toEqual(original_.map((a) => [a.from, a.to]));
    // Audited: the article, every annotation and every link.
    const events = await db.prisma.auditEvent.findMany({ where: { entityId: { in: [detail.article.id, ...imported.map((a) => a.id)] } } });
    expect(events.filter((e) => e.action === "article.create")).toHaveLength(1);
    expect(events.filter((e) => e.action === "annotation.create")).toHaveLength(4);
    expect(events.filter((e) => e.action === "annotation.link")).toHaveLength(2);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
  });

  it("accepts the file as a JSON string, and the request's title over the file's", async () => {
    const detail = await expectJson<ArticleDetail>(await post(adminToken, { format: "newsmark", title: "Renamed on import", content: JSON.stringify(file) }), 201);
    expect(detail.article.title).toBe("Renamed on import");
    expect(detail.annotations).toHaveLength(4);
  });

  it("falls back to the importing user for people this installation does not know", async () => {
    const foreign = clone(file);
    for (const a of foreign.annotations) {
      a.createdBy = { id: randomUUID(), name: "Elsewhere", email: "someone@elsewhere.example" };
      if (a.reviewedBy) a.reviewedBy = { id: randomUUID(), name: "Elsewhere desk", email: "desk@elsewhere.example" };
    }
    // One author is known here by email, in another case: still matched.
    foreign.annotations[1]!.createdBy = { id: randomUUID(), name: "x", email: reviewer.email.toUpperCase() };
    const detail = await expectJson<ArticleDetail>(await post(adminToken, { format: "newsmark", content: foreign }), 201);
    const rows = await db.prisma.annotation.findMany({ where: { articleId: detail.article.id }, orderBy: [{ start: "asc" }, { end: "desc" }] });
    expect(rows.map((r) => r.createdById)).toEqual(foreign.annotations.map((_, i) => (i === 1 ? reviewer.id : admin.id)));
    expect(rows.filter((r) => r.reviewedById !== null).every((r) => r.reviewedById === admin.id)).toBe(true);
    expect(rows.map((r) => r.status)).toEqual(file.annotations.map((a) => a.status));
  });

  it("an editor's import brings review decisions in as pending: importing is no way round the four-eyes rule", async () => {
    const detail = await expectJson<ArticleDetail>(await post(editorToken, { format: "newsmark", content: file }), 201);
    expect(detail.annotations).toHaveLength(4);
    expect(detail.annotations.every((a) => a.status === "pending" && a.reviewedBy === null && a.reviewNote === null)).toBe(true);
    expect(detail.annotations.flatMap((a) => a.links)).toHaveLength(2);
  });

  describe("refuses invalid files whole, with details, writing nothing", () => {
    const firstAttribution = () => file.annotations.findIndex((a) => a.kind === "attribution");
    const cases: [string, () => unknown, RegExp][] = [
      ["wrong format", () => ({ ...clone(file), format: "w3c.collection" }), /content\.format/],
      ["wrong version", () => ({ ...clone(file), version: 2 }), /content\.version/],
      [
        "an offset out of range",
        () => {
          const f = clone(file);
          f.annotations[0]!.end = cps(f.text).length + 5;
          return f;
        },
        /content\.annotations\.0\.start/,
      ],
      [
        "a quote that does not match the text",
        () => {
          const f = clone(file);
          f.annotations[2]!.start! += 1;
          return f;
        },
        /content\.annotations\.2\.quote\.exact/,
      ],
      [
        "a link to an id missing from the file",
        () => {
          const f = clone(file);
          f.annotations[firstAttribution()]!.links = [{ type: "attributes", targetId: randomUUID() }];
          return f;
        },
        /content\.annotations\.\d+\.links\.0\.targetId/,
      ],
      ["text that is not the document's", () => ({ ...clone(file), text: `${file.text} And more.` }), /content\.text/],
      ["a document outside the editor schema", () => ({ ...clone(file), doc: { type: "doc", content: [{ type: "script" }] } }), /content\.doc/],
      [
        "an id that is not a UUID",
        () => {
          const f = clone(file);
          f.annotations[0]!.id = "claim-1";
          return f;
        },
        /content\.annotations\.0\.id/,
      ],
      ["content that is not JSON", () => "{not json", /^content$/],
    ];

    for (const [name, make, path] of cases) {
      it(name, async () => {
        const before = await rowCounts(db.prisma);
        const body: ErrorBody = await expectError(await post(adminToken, { format: "newsmark", content: make() }), 400, "validation_failed");
        const details = body.error.details as { path: string; message: string }[];
        expect(Array.isArray(details) && details.length > 0).toBe(true);
        expect(details.map((d) => d.path).join(" "), JSON.stringify(details)).toMatch(path);
        expect(details.every((d) => typeof d.message === "string" && d.message.length > 0)).toBe(true);
        expect(await rowCounts(db.prisma)).toEqual(before);
      });
    }

    it("lists at most ten problems when there are many", async () => {
      const f = clone(file);
      f.annotations = Array.from({ length: 15 }, (_, i) => ({ ...clone(file.annotations[0]!), id: randomUUID(), start: 10_000 + i, end: 10_001 + i }));
      const before = await rowCounts(db.prisma);
      const body = await expectError(await post(adminToken, { format: "newsmark", content: f }), 400, "validation_failed");
      expect(body.error.details).toHaveLength(10);
      expect(await rowCounts(db.prisma)).toEqual(before);
    });
  });

  it("rolls back everything when a write fails part-way", async () => {
    const f = clone(file);
    // Valid to the checks, refused by PostgreSQL (no NUL in text) only when the annotations are written.
    f.annotations[3]!.note = "bad \u0000 note";
    const before = await rowCounts(db.prisma);
    await expect(createArticle(db.prisma, admin, { format: "newsmark", content: f })).rejects.toThrow();
    expect(await rowCounts(db.prisma)).toEqual(before);
    expect(await db.prisma.article.count({ where: { title: file.article.title, createdById: admin.id, currentRevisionId: null } })).toBe(0);
  });

  it("still needs a title for the other formats", async () => {
    const body = await expectError(await post(adminToken, { format: "text", content: "Body." }), 400, "validation_failed");
    expect(JSON.stringify(body.error.details)).toMatch(/title/);
  });
});
