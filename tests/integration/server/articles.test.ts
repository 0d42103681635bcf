import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createArticle } from "@/lib/server/articles/create-article";
import { getArticle } from "@/lib/server/articles/get-article";
import { listArticles } from "@/lib/server/articles/list-articles";
import { exportArticle } from "@/lib/server/export/export-article";
import { jsonLinesQuery } from "@/lib/server/export/json-lines-query";
import { AppError } from "@/lib/server/errors";
import { createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`Expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

const PROSEMIRROR_DOC = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Structured heading" }] },
    { type: "paragraph", content: [{ type: "text", text: "Structured body." }] },
  ],
};

describeEachDatabase("articles", (db) => {
  let editor: TestUser;
  beforeAll(async () => {
    editor = await createTestUser(db.prisma, { role: "editor" });
  });

  describe("createArticle", () => {
    it.each([
      ["text", "Plain body paragraph.\n\nSecond paragraph.", "Plain body paragraph."],
      ["markdown", "## Sub\n\nSome **bold** claim.", "Some bold claim."],
      ["html", "<h2>Sub</h2><p>An <em>HTML</em> claim.</p>", "An HTML claim."],
      ["prosemirror", PROSEMIRROR_DOC, "Structured body."],
    ] as const)("imports %s content as revision 1 with its plain text", async (format, content, expected) => {
      const created = await createArticle(db.prisma, editor, { title: `A ${format} article`, format, content });
      expect(created.revision.number).toBe(1);
      const detail = await getArticle(db.prisma, editor, created.id);
      expect(detail.article).toMatchObject({ id: created.id, title: `A ${format} article`, status: "draft", createdBy: { id: editor.id } });
      expect(detail.revision.id).toBe(created.revision.id);
      expect(detail.revision.text).toContain(expected);
      expect((detail.revision.doc as { type: string }).type).toBe("doc");
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "article.create", entityId: created.id } });
      expect(audit.actorId).toBe(editor.id);
    });

    it("drops scripts from HTML before anything is stored", async () => {
      const created = await createArticle(db.prisma, editor, {
        title: "Hostile",
        format: "html",
        content: '<p>Visible <script>stealCookies("evil")</script>text.</p><img src=x onerror="stealCookies(1)">',
      });
      const revision = await db.prisma.revision.findUniqueOrThrow({ where: { id: created.revision.id } });
      const stored = JSON.stringify(revision.doc) + revision.text;
      expect(revision.text).toContain("Visible");
      expect(stored).not.toMatch(/stealCookies|script|onerror/i);
    });

    it("refuses content that does not parse as validation_failed, writing nothing", async () => {
      const before = await db.prisma.article.count();
      for (const input of [
        { title: "Empty", format: "text", content: "   \n\n  " },
        { title: "Object as text", format: "text", content: { type: "doc" } },
        { title: "Bad node", format: "prosemirror", content: { type: "doc", content: [{ type: "script" }] } },
        { title: "Bad JSON", format: "prosemirror", content: "{not json" },
      ]) {
        const err = await rejection(createArticle(db.prisma, editor, input));
        expect(err, input.title).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("validation_failed");
      }
      expect(await db.prisma.article.count()).toBe(before);
      expect(await db.prisma.revision.count()).toBe(before);
    });

    it("rejects unknown fields and bad field values with a ZodError", async () => {
      const before = await db.prisma.article.count();
      const inputs = [
        { title: "Extra", format: "text", content: "Body.", createdById: randomUUID() },
        { title: "", format: "text", content: "Body." },
        { title: "Format", format: "docx", content: "Body." },
        { title: "Url", format: "text", content: "Body.", sourceUrl: "javascript:alert(1)" },
      ];
      for (const input of inputs) expect(await rejection(createArticle(db.prisma, editor, input))).toBeInstanceOf(ZodError);
      expect(await db.prisma.article.count()).toBe(before);
    });
  });

  describe("listArticles", () => {
    const tag = `zq${randomUUID().slice(0, 8)}`;
    const ids: string[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        const created = await createArticle(db.prisma, editor, {
          title: `Pager ${tag.toUpperCase()} ${i}`,
          byline: i === 4 ? `Desk ${tag}` : undefined,
          format: "text",
          content: `Article number ${i}.`,
        });
        ids.push(created.id);
      }
      // Three articles share one timestamp, so pages must break ties by id.
      const tie = new Date(Date.now() + 60_000);
      await db.prisma.article.updateMany({ where: { id: { in: ids.slice(1, 4) } }, data: { updatedAt: tie } });
      await db.prisma.article.update({ where: { id: ids[0]! }, data: { status: "reviewed" } });
    });

    it("finds articles by title or byline, ignoring case", async () => {
      const { items } = await listArticles(db.prisma, editor, { q: tag });
      expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
      const byline = await listArticles(db.prisma, editor, { q: `DESK ${tag}` });
      expect(byline.items.map((i) => i.id)).toEqual([ids[4]]);
      expect((await listArticles(db.prisma, editor, { q: `${tag}-nothing` })).items).toEqual([]);
    });

    it("matches %, _ and \\ in the search literally, not as LIKE wildcards", async () => {
      const own = `wq${randomUUID().slice(0, 8)}`;
      const titles = [`${own} up 50% today`, `${own} up 500 today`, `${own} snake_case`, `${own} snakeXcase`, `${own} C:\\temp`];
      for (const title of titles) await createArticle(db.prisma, editor, { title, format: "text", content: "Body." });
      const found = async (q: string) => (await listArticles(db.prisma, editor, { q: `${own} ${q}` })).items.map((i) => i.title);
      expect(await found("up 50%")).toEqual([titles[0]]);
      expect(await found("snake_case")).toEqual([titles[2]]);
      expect(await found("C:\\")).toEqual([titles[4]]);
    });

    it("filters by status", async () => {
      const reviewed = await listArticles(db.prisma, editor, { q: tag, status: "reviewed" });
      expect(reviewed.items.map((i) => i.id)).toEqual([ids[0]]);
      const drafts = await listArticles(db.prisma, editor, { q: tag, status: "draft" });
      expect(drafts.items).toHaveLength(4);
      expect(drafts.items.every((i) => i.status === "draft")).toBe(true);
    });

    it("counts live annotations by kind and status, and filters on pending ones", async () => {
      const articleId = ids[2]!;
      const revision = await db.prisma.revision.findFirstOrThrow({ where: { articleId } });
      const base = { articleId, revisionId: revision.id, from: 1, to: 5, start: 0, end: 7, quoteExact: "Article", createdById: editor.id };
      await db.prisma.annotation.createMany({
        data: [
          { ...base, kind: "claim" },
          { ...base, kind: "claim" },
          { ...base, kind: "hedge", status: "approved" },
          { ...base, kind: "attribution", status: "pending", deletedAt: new Date() },
        ],
      });
      const { items } = await listArticles(db.prisma, editor, { q: tag, limit: 10 });
      const counted = items.find((i) => i.id === articleId)!;
      expect(counted.counts).toEqual({ claim: 2, hedge: 1, attribution: 0, pending: 2, approved: 1, rejected: 0, orphaned: 0, unattributedClaims: 2 });
      const others = items.filter((i) => i.id !== articleId);
      expect(others.every((i) => Object.values(i.counts).every((n) => n === 0))).toBe(true);

      // A live attribution linked to one claim settles it; a link from a deleted attribution does not.
      const [claimA, claimB] = await db.prisma.annotation.findMany({ where: { articleId, kind: "claim" }, orderBy: { id: "asc" } });
      const live = await db.prisma.annotation.create({ data: { ...base, kind: "attribution" } });
      const gone = await db.prisma.annotation.findFirstOrThrow({ where: { articleId, kind: "attribution", deletedAt: { not: null } } });
      await db.prisma.annotationLink.createMany({
        data: [
          { fromId: live.id, toId: claimA!.id, type: "attributes", createdById: editor.id },
          { fromId: gone.id, toId: claimB!.id, type: "attributes", createdById: editor.id },
        ],
      });
      const again = (await listArticles(db.prisma, editor, { q: tag, limit: 10 })).items.find((i) => i.id === articleId)!;
      expect(again.counts.unattributedClaims).toBe(1);

      expect((await listArticles(db.prisma, editor, { q: tag, pending: "true" })).items.map((i) => i.id)).toEqual([articleId]);
      const notPending = await listArticles(db.prisma, editor, { q: tag, pending: "false" });
      expect(notPending.items.map((i) => i.id).sort()).toEqual(ids.filter((id) => id !== articleId).sort());
    });

    it("pages with a cursor through every article exactly once, newest change first", async () => {
      const seen: { id: string; updatedAt: string }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listArticles(db.prisma, editor, { q: tag, limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.map((i) => i.id).sort()).toEqual([...ids].sort());
      expect(new Set(seen.map((i) => i.id)).size).toBe(5);
      // Three of the five share a timestamp: the tie the cursor must break by id.
      expect(new Set(seen.map((i) => i.updatedAt)).size).toBe(3);
      const all = (await listArticles(db.prisma, editor, { q: tag })).items;
      expect(seen.map((i) => i.id)).toEqual(all.map((i) => i.id));
      for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.updatedAt >= seen[i]!.updatedAt).toBe(true);
    });

    it("refuses a cursor it did not issue", async () => {
      const forged = Buffer.from(JSON.stringify({ id: "x", updatedAt: "not a date" })).toString("base64url");
      for (const cursor of ["garbage!", forged]) {
        const err = await rejection(listArticles(db.prisma, editor, { cursor }));
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe("validation_failed");
      }
    });

    it("refuses a forged cursor whose id is not a UUID as validation_failed (not a database error)", async () => {
      const forged = Buffer.from(JSON.stringify({ updatedAt: new Date().toISOString(), id: "x" })).toString("base64url");
      const err = await rejection(listArticles(db.prisma, editor, { cursor: forged }));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("validation_failed");
    });

    it("rejects unknown query parameters and bad values", async () => {
      expect(await rejection(listArticles(db.prisma, editor, { status: "bogus" }))).toBeInstanceOf(ZodError);
      expect(await rejection(listArticles(db.prisma, editor, { limit: "0" }))).toBeInstanceOf(ZodError);
      expect(await rejection(listArticles(db.prisma, editor, { sort: "title" }))).toBeInstanceOf(ZodError);
    });
  });

  describe("unattributed claims in the list", () => {
    const tag = `zu${randomUUID().slice(0, 8)}`;
    /** Article by name: none (no annotations), mixed, open (three unattributed), settled (all attributed). */
    const ids: Record<"none" | "mixed" | "open" | "settled", string> = { none: "", mixed: "", open: "", settled: "" };

    beforeAll(async () => {
      for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
        ids[name] = (await createArticle(db.prisma, editor, { title: `${tag} ${name}`, format: "text", content: "Article text." })).id;
      }
      const make = async (articleId: string, kind: "claim" | "hedge" | "attribution", extra: { status?: "approved" | "rejected" | "orphaned"; deletedAt?: Date } = {}) => {
        const revision = await db.prisma.revision.findFirstOrThrow({ where: { articleId } });
        const base = { articleId, revisionId: revision.id, from: 1, to: 8, start: 0, end: 7, quoteExact: "Article", createdById: editor.id };
        return (await db.prisma.annotation.create({ data: { ...base, kind, ...extra } })).id;
      };
      const link = (fromId: string, toId: string, type: "attributes" | "qualifies" = "attributes") =>
        db.prisma.annotationLink.create({ data: { fromId, toId, type, createdById: editor.id } });

      // Mixed: one unattributed claim, the rejected one. A rejected attribution still names a source; a deleted claim is not counted.
      const attributed = await make(ids.mixed, "claim", { status: "approved" });
      const byRejected = await make(ids.mixed, "claim");
      await make(ids.mixed, "claim", { status: "rejected" });
      await make(ids.mixed, "claim", { deletedAt: new Date() });
      const source = await make(ids.mixed, "attribution");
      await link(source, attributed);
      await link(await make(ids.mixed, "attribution", { status: "rejected" }), byRejected);

      // Open: a claim linked only by a deleted attribution, an orphaned claim, a claim a hedge qualifies.
      const forgotten = await make(ids.open, "claim");
      await link(await make(ids.open, "attribution", { deletedAt: new Date() }), forgotten);
      await make(ids.open, "claim", { status: "orphaned" });
      const hedged = await make(ids.open, "claim");
      await link(await make(ids.open, "hedge"), hedged, "qualifies");

      // Settled: its one claim is attributed, by an orphaned attribution.
      const claim = await make(ids.settled, "claim");
      await link(await make(ids.settled, "attribution", { status: "orphaned" }), claim);
    });

    const listed = async (query: Record<string, string>) => (await listArticles(db.prisma, editor, { q: tag, ...query })).items;

    it("counts them per article and filters on them with unattributed=true|false", async () => {
      const counts = Object.fromEntries((await listed({})).map((i) => [i.id, i.counts.unattributedClaims]));
      expect(counts).toEqual({ [ids.none]: 0, [ids.mixed]: 1, [ids.open]: 3, [ids.settled]: 0 });
      expect((await listed({ unattributed: "true" })).map((i) => i.id).sort()).toEqual([ids.mixed, ids.open].sort());
      expect((await listed({ unattributed: "false" })).map((i) => i.id).sort()).toEqual([ids.none, ids.settled].sort());
      // It combines with the other filters.
      expect((await listed({ unattributed: "true", pending: "false" })).map((i) => i.id)).toEqual([]);
      expect((await listed({ unattributed: "false", pending: "true" })).map((i) => i.id)).toEqual([ids.settled]);
    });

    it("agrees with the export's summary, from both the single-article export and the bulk export's SQL", async () => {
      const counts = new Map((await listed({})).map((i) => [i.id, i.counts.unattributedClaims]));
      for (const id of Object.values(ids)) {
        const exported = await exportArticle(db.prisma, editor, id, { format: "json" }, { baseUrl: "http://localhost" });
        if (exported.format !== "json") throw new Error("expected the JSON export");
        expect(exported.document.summary.unattributedClaims, id).toBe(counts.get(id));
      }
      const rows = await db.prisma.$queryRawUnsafe<{ line: string }[]>(jsonLinesQuery(false), Object.values(ids), new Date().toISOString());
      const bulk = new Map(rows.map((r) => JSON.parse(r.line) as { article: { id: string }; summary: { unattributedClaims: number } }).map((l) => [l.article.id, l.summary.unattributedClaims]));
      expect(bulk).toEqual(counts);
    });

    it("refuses a value other than true or false, naming the parameter", async () => {
      const err = await rejection(listArticles(db.prisma, editor, { unattributed: "yes" }));
      expect(err).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues[0]!.path).toEqual(["unattributed"]);
    });
  });

  describe("getArticle", () => {
    it.each(["00000000-0000-4000-8000-000000000000", "not-a-uuid", "'; DROP TABLE articles; --"])("answers not_found for %s", async (id) => {
      const err = await rejection(getArticle(db.prisma, editor, id));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("not_found");
    });

    it("answers not_found for a deleted article", async () => {
      const created = await createArticle(db.prisma, editor, { title: "Soon gone", format: "text", content: "Body." });
      await db.prisma.article.update({ where: { id: created.id }, data: { deletedAt: new Date() } });
      expect(((await rejection(getArticle(db.prisma, editor, created.id))) as AppError).code).toBe("not_found");
    });
  });
});
