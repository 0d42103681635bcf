import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { pendingForReviewer } from "@/lib/server/review/review-queue";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, detailPaths, expectError, expectJson, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { reviewApi, tag, type QueuePage } from "./review-api";

const HARBOUR = [
  "The port authority said the harbour expansion would create four hundred jobs, a figure unions disputed.",
  "Local fishermen, speaking on condition of anonymity, said the dredging might damage the oyster beds.",
];
const MEALS = [
  "Free school meals will be extended to every primary pupil from September, the education minister said.",
  "Head teachers warned that kitchens could struggle to cope with the demand in the first weeks.",
];

type Kind = "claim" | "hedge" | "attribution";
type Author = "editorA" | "editorB" | "reviewer";

/** One fixture annotation: where, what, by whom, and its createdAt in minutes after BASE. */
interface Spec {
  label: string;
  article: "harbour" | "meals" | "gone";
  quote: string;
  kind: Kind;
  author: Author;
  minute: number;
  /** What happened to it after tagging: the queue drops all but orphaned, which waits for a decision too. */
  outcome?: "approved" | "rejected" | "deleted" | "orphaned";
}

/** A fixed time in the past, so the queue order does not depend on how fast the fixture was written. */
const BASE = Date.UTC(2025, 2, 3, 8, 0, 0);

// Written in an order unrelated to createdAt; three pending ones share one createdAt to exercise the id tiebreak.
const SPECS: Spec[] = [
  { label: "harbour-claim-A", article: "harbour", quote: "create four hundred jobs", kind: "claim", author: "editorA", minute: 3 },
  { label: "meals-hedge-B", article: "meals", quote: "could struggle to cope", kind: "hedge", author: "editorB", minute: 1 },
  { label: "harbour-attribution-R", article: "harbour", quote: "The port authority", kind: "attribution", author: "reviewer", minute: 5 },
  { label: "meals-claim-A", article: "meals", quote: "extended to every primary pupil", kind: "claim", author: "editorA", minute: 2 },
  { label: "harbour-hedge-A", article: "harbour", quote: "might", kind: "hedge", author: "editorA", minute: 5 },
  { label: "meals-claim-R", article: "meals", quote: "kitchens could struggle", kind: "claim", author: "reviewer", minute: 5 },
  { label: "harbour-claim-B", article: "harbour", quote: "damage the oyster beds", kind: "claim", author: "editorB", minute: 4 },
  { label: "meals-attribution-B", article: "meals", quote: "the education minister", kind: "attribution", author: "editorB", minute: 0 },
  // Orphaned: listed between the pending ones, in createdAt order, but not counted as pending.
  { label: "orphaned", article: "meals", quote: "Head teachers warned", kind: "claim", author: "editorA", minute: 3.5, outcome: "orphaned" },
  // Not pending, or not live: never in the queue.
  { label: "approved", article: "harbour", quote: "a figure unions disputed", kind: "claim", author: "editorA", minute: -1, outcome: "approved" },
  { label: "rejected", article: "meals", quote: "in the first weeks", kind: "hedge", author: "editorB", minute: 2, outcome: "rejected" },
  { label: "deleted", article: "harbour", quote: "harbour expansion", kind: "claim", author: "editorA", minute: 1, outcome: "deleted" },
  { label: "in deleted article", article: "gone", quote: "create four hundred jobs", kind: "claim", author: "editorA", minute: 0 },
];

interface Made extends Spec {
  id: string;
  articleId: string;
  createdAt: Date;
}

describeEachDatabase("GET /api/review/queue", (db) => {
  let users: Record<Author | "decider" | "admin" | "other editor", TestUser>;
  let tokens: Record<Author | "decider" | "admin" | "other editor", string>;
  let articles: Record<Spec["article"], TestArticle & { title: string }>;
  let made: Made[];

  /** The pending or orphaned, live fixture annotations that satisfy `keep`, oldest first (ties by id). */
  function expected(keep: (m: Made) => boolean = () => true): Made[] {
    return made
      .filter((m) => (!m.outcome || m.outcome === "orphaned") && m.article !== "gone" && keep(m))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const labels = (ms: { label: string }[]) => ms.map((m) => m.label);
  const pendingIn = (ms: Made[]) => ms.filter((m) => m.outcome !== "orphaned").length;
  const orphanedIn = (ms: Made[]) => ms.filter((m) => m.outcome === "orphaned").length;
  const labelOf = (id: string) => made.find((m) => m.id === id)?.label ?? `unknown ${id}`;

  async function page(query: Record<string, string>, token = tokens.decider): Promise<QueuePage> {
    return expectJson<QueuePage>(await reviewApi.queue(token, query), 200);
  }

  /** Follows nextCursor to the end and returns every page. */
  async function allPages(query: Record<string, string>): Promise<QueuePage[]> {
    const pages: QueuePage[] = [];
    let cursor: string | null = null;
    do {
      const current: QueuePage = await page(cursor ? { ...query, cursor } : query);
      pages.push(current);
      cursor = current.nextCursor;
      expect(pages.length).toBeLessThanOrEqual(SPECS.length + 1);
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    const roles = { editorA: "editor", editorB: "editor", reviewer: "reviewer", decider: "reviewer", admin: "admin", "other editor": "editor" } as const;
    users = {} as typeof users;
    tokens = {} as typeof tokens;
    for (const [name, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      users[name] = await createTestUser(db.prisma, { role });
      tokens[name] = await createTestToken(db.prisma, users[name].email);
    }
    const titled = async (paragraphs: string[], title: string) => ({ ...(await makeArticle(db.prisma, users.editorA, paragraphs, title)), title });
    articles = {
      harbour: await titled(HARBOUR, "Harbour expansion row"),
      meals: await titled(MEALS, "Free school meals for all"),
      gone: await titled(HARBOUR, "Withdrawn harbour story"),
    };

    made = [];
    for (const spec of SPECS) {
      const created: AnnotationJson = await tag(db.prisma, users[spec.author], articles[spec.article], spec.quote, spec.kind);
      const createdAt = new Date(BASE + spec.minute * 60_000);
      await db.prisma.annotation.update({ where: { id: created.id }, data: { createdAt } });
      made.push({ ...spec, id: created.id, articleId: created.articleId, createdAt });
      if (spec.outcome === "approved" || spec.outcome === "rejected") {
        const decision = spec.outcome === "approved" ? "approve" : "reject";
        await expectJson(await reviewApi.review(tokens.decider, created.id, { version: 1, decision, note: "Decided" }), 200);
      } else if (spec.outcome === "deleted") {
        expect((await api.remove(tokens[spec.author], created.id, "version=1")).status).toBe(204);
      } else if (spec.outcome === "orphaned") {
        await db.prisma.annotation.update({ where: { id: created.id }, data: { status: "orphaned" } });
      }
    }
    await db.prisma.article.update({ where: { id: articles.gone.id }, data: { deletedAt: new Date() } });
  });

  it("lists pending and orphaned annotations across both articles, oldest first, ties in id order", async () => {
    const result = await page({});
    expect(result.items.map((i) => labelOf(i.id))).toEqual(labels(expected()));
    expect(labels(expected()).slice(0, 5)).toEqual(["meals-attribution-B", "meals-hedge-B", "meals-claim-A", "harbour-claim-A", "orphaned"]);
    expect(new Set(result.items.map((i) => i.articleId))).toEqual(new Set([articles.harbour.id, articles.meals.id]));
    expect(result.total).toBe(8);
    expect(result.orphaned).toBe(1);
    expect(result.nextCursor).toBeNull();
  });

  it("excludes approved, rejected and deleted annotations, and annotations of deleted articles", async () => {
    const result = await page({});
    const listed = new Set(result.items.map((i) => i.id));
    for (const m of made.filter((x) => (x.outcome && x.outcome !== "orphaned") || x.article === "gone")) expect(listed.has(m.id), m.label).toBe(false);
    expect(result.items.map((i) => i.status).sort()).toEqual([...Array(8).fill("pending"), "orphaned"].sort());
    expect(await page({ articleId: articles.gone.id })).toEqual({ items: [], nextCursor: null, total: 0, orphaned: 0 });
  });

  it("each item carries its article's id and title, its quote and its author", async () => {
    const result = await page({});
    for (const item of result.items) {
      const spec = made.find((m) => m.id === item.id)!;
      const article = articles[spec.article];
      expect(item.article).toEqual({ id: article.id, title: article.title });
      expect(item.articleId).toBe(article.id);
      expect(item.quote.exact).toBe(spec.quote);
      expect(article.text).toContain(item.quote.prefix + item.quote.exact + item.quote.suffix);
      expect(item).toMatchObject({ kind: spec.kind, createdBy: { id: users[spec.author].id, name: users[spec.author].name }, version: 1 });
      expect(item.createdAt).toBe(spec.createdAt.toISOString());
    }
  });

  it.each<[string, Record<string, string>, (m: Made) => boolean]>([
    ["kind=claim", { kind: "claim" }, (m) => m.kind === "claim"],
    ["kind=hedge", { kind: "hedge" }, (m) => m.kind === "hedge"],
    ["articleId", { articleId: "meals" }, (m) => m.article === "meals"],
    ["authorId", { authorId: "editorA" }, (m) => m.author === "editorA"],
    ["kind and articleId", { kind: "claim", articleId: "harbour" }, (m) => m.kind === "claim" && m.article === "harbour"],
    ["authorId and kind", { authorId: "editorB", kind: "attribution" }, (m) => m.author === "editorB" && m.kind === "attribution"],
  ])("filters by %s; total counts the pending and orphaned the orphaned matches", async (_, filter, keep) => {
    const query = { ...filter };
    if (query.articleId) query.articleId = articles[query.articleId as Spec["article"]].id;
    if (query.authorId) query.authorId = users[query.authorId as Author].id;
    const matching = expected(keep);
    const want = labels(matching);
    expect(want.length).toBeGreaterThan(0);
    const result = await page(query);
    expect(result.items.map((i) => labelOf(i.id))).toEqual(want);
    expect(result.total).toBe(pendingIn(matching));
    expect(result.orphaned).toBe(orphanedIn(matching));
    // With a page smaller than the match, the counts still cover every match.
    const first = await page({ ...query, limit: "1" });
    expect(first.items.map((i) => labelOf(i.id))).toEqual(want.slice(0, 1));
    expect(first.total).toBe(pendingIn(matching));
    expect(first.orphaned).toBe(orphanedIn(matching));
    expect(first.nextCursor === null).toBe(want.length === 1);
  });

  it("limit=2 pages through every item exactly once, in order, with constant counts", async () => {
    const pages = await allPages({ limit: "2" });
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 2, 1]);
    expect(pages.flatMap((p) => p.items.map((i) => labelOf(i.id)))).toEqual(labels(expected()));
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8, 8, 8]);
    expect(pages.map((p) => p.orphaned)).toEqual([1, 1, 1, 1, 1]);
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it("pagination also holds under a filter and a page size that splits the tied group", async () => {
    for (const limit of ["1", "3"]) {
      const pages = await allPages({ articleId: articles.harbour.id, limit });
      const matching = expected((m) => m.article === "harbour");
      expect(pages.flatMap((p) => p.items.map((i) => labelOf(i.id)))).toEqual(labels(matching));
      expect(pages.every((p) => p.total === pendingIn(matching))).toBe(true);
    }
  });

  it.each([
    ["not base64 JSON", "garbage"],
    ["JSON without the fields", Buffer.from(JSON.stringify({ hello: "world" })).toString("base64url")],
    ["a bad id", Buffer.from(JSON.stringify({ createdAt: new Date(BASE).toISOString(), id: "nope" })).toString("base64url")],
    ["a bad date", Buffer.from(JSON.stringify({ createdAt: "yesterday", id: "00000000-0000-4000-8000-000000000000" })).toString("base64url")],
    ["JSON null", Buffer.from("null").toString("base64url")],
    ["too long", "x".repeat(501)],
  ])("a bad cursor (%s) → 400 on cursor", async (_, cursor) => {
    const body = await expectError(await reviewApi.queue(tokens.decider, { cursor }), 400, "validation_failed");
    expect(detailPaths(body)).toContain("cursor");
  });

  it.each([
    ["an unknown kind", { kind: "opinion" }, "kind"],
    ["an articleId that is not a UUID", { articleId: "123" }, "articleId"],
    ["an authorId that is not a UUID", { authorId: "me" }, "authorId"],
    ["limit=0", { limit: "0" }, "limit"],
    ["limit=101", { limit: "101" }, "limit"],
    ["limit=abc", { limit: "abc" }, "limit"],
  ])("%s → 400", async (_, query, path) => {
    const body = await expectError(await reviewApi.queue(tokens.decider, query), 400, "validation_failed");
    expect(detailPaths(body)).toContain(path);
  });

  it("an unknown query parameter → 400", async () => {
    await expectError(await reviewApi.queue(tokens.decider, { status: "approved" }), 400, "validation_failed");
  });

  it("every role sees the same queue", async () => {
    const want = labels(expected());
    for (const who of ["editorA", "other editor", "reviewer", "admin"] as const) {
      const result = await page({}, tokens[who]);
      expect(result.items.map((i) => labelOf(i.id)), who).toEqual(want);
    }
  });

  describe("pendingForReviewer", () => {
    it("counts pending annotations except the reviewer's own (orphaned ones are not pending)", async () => {
      const ownByReviewer = pendingIn(expected((m) => m.author === "reviewer"));
      expect(ownByReviewer).toBe(2);
      const total = pendingIn(expected());
      expect(total).toBe(8);
      expect(await pendingForReviewer(db.prisma, users.reviewer)).toBe(total - ownByReviewer);
      expect(await pendingForReviewer(db.prisma, users.decider)).toBe(total);
      expect(await pendingForReviewer(db.prisma, users.admin)).toBe(total);
      // The same count the queue gives without the reviewer's own.
      const all = await page({});
      const own = await page({ authorId: users.reviewer.id });
      expect(await pendingForReviewer(db.prisma, users.reviewer)).toBe(all.total - own.total);
    });

    it("is 0 for editors, whatever is pending (their own or others')", async () => {
      expect(expected((m) => m.author !== "editorA").length).toBeGreaterThan(0);
      expect(await pendingForReviewer(db.prisma, users.editorA)).toBe(0);
      expect(await pendingForReviewer(db.prisma, users["other editor"])).toBe(0);
    });
  });

  describe("as decisions are made", () => {
    it("an annotation leaves the queue when approved or deleted, and returns when sent back to review", async () => {
      const extra = await makeArticle(db.prisma, users.editorB, MEALS, "Late story");
      const one = await tag(db.prisma, users.editorB, extra, "Free school meals", "claim");
      const two = await tag(db.prisma, users.editorB, extra, "Head teachers warned", "attribution");
      const before = await page({ articleId: extra.id });
      expect(before.items.map((i) => i.id).sort()).toEqual([one.id, two.id].sort());
      const everything = (await page({})).total;
      expect(await pendingForReviewer(db.prisma, users.decider)).toBe(everything);

      await expectJson(await reviewApi.review(tokens.decider, one.id, { version: 1, decision: "approve" }), 200);
      expect(await page({ articleId: extra.id })).toMatchObject({ items: [{ id: two.id }], total: 1 });
      expect(await pendingForReviewer(db.prisma, users.decider)).toBe(everything - 1);

      expect((await api.remove(tokens.editorB, two.id, "version=1")).status).toBe(204);
      expect(await page({ articleId: extra.id })).toEqual({ items: [], nextCursor: null, total: 0, orphaned: 0 });
      expect(await pendingForReviewer(db.prisma, users.decider)).toBe(everything - 2);

      // A substantive change sends the approved one back into the queue.
      await expectJson(await api.patch(tokens.decider, one.id, { version: 2, kind: "hedge" }), 200);
      expect(await page({ articleId: extra.id })).toMatchObject({ items: [{ id: one.id, kind: "hedge", status: "pending" }], total: 1 });
    });
  });
});
