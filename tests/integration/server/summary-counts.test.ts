import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { summaryCounts, type CountedAnnotation, type SummaryCounts } from "@/lib/export/summary-counts";
import { countAnnotations } from "@/lib/server/articles/count-annotations";
import { createArticle } from "@/lib/server/articles/create-article";
import { exportArticle } from "@/lib/server/export/export-article";
import { jsonLinesQuery } from "@/lib/server/export/json-lines-query";
import { createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

type Kind = "claim" | "hedge" | "attribution";
type Status = "pending" | "approved" | "rejected" | "orphaned";

describeEachDatabase("summary counts: one definition, the same numbers from SQL", (db) => {
  let editor: TestUser;
  const ids: string[] = [];

  beforeAll(async () => {
    editor = await createTestUser(db.prisma, { role: "editor" });
    const tag = `sc${randomUUID().slice(0, 8)}`;
    for (let n = 0; n < 4; n++) ids.push((await createArticle(db.prisma, editor, { title: `${tag} ${n}`, format: "text", content: "Article text." })).id);
    const make = async (articleId: string, kind: Kind, status: Status = "pending", deleted = false) => {
      const revision = await db.prisma.revision.findFirstOrThrow({ where: { articleId } });
      const base = { articleId, revisionId: revision.id, from: 1, to: 8, start: 0, end: 7, quoteExact: "Article", createdById: editor.id };
      return (await db.prisma.annotation.create({ data: { ...base, kind, status, deletedAt: deleted ? new Date() : null } })).id;
    };
    const link = (fromId: string, toId: string, type: "attributes" | "qualifies" = "attributes") =>
      db.prisma.annotationLink.create({ data: { fromId, toId, type, createdById: editor.id } });

    // ids[0] has no annotations. ids[1]: every kind and status, deleted ones, and links that settle or do not.
    const [, mixed, approved, open] = ids as [string, string, string, string];
    const claims = [
      await make(mixed, "claim"),
      await make(mixed, "claim", "approved"),
      await make(mixed, "claim", "rejected"),
      await make(mixed, "claim", "orphaned"),
    ];
    await make(mixed, "claim", "approved", true);
    await make(mixed, "hedge", "approved");
    await link(await make(mixed, "hedge", "orphaned"), claims[0]!, "qualifies");
    await link(await make(mixed, "attribution", "approved"), claims[1]!);
    await link(await make(mixed, "attribution", "rejected"), claims[2]!);
    await link(await make(mixed, "attribution", "pending", true), claims[3]!);
    // ids[2]: approved ones attributed by a pending attribution (settled in the full count, open in an approved-only export).
    const approvedClaim = await make(approved, "claim", "approved");
    await link(await make(approved, "attribution"), approvedClaim);
    await make(approved, "hedge", "approved");
    // ids[3]: two attributions on one claim count it once; a link from a claim to a claim settles nothing.
    const twice = await make(open, "claim");
    await link(await make(open, "attribution"), twice);
    await link(await make(open, "attribution", "orphaned"), twice);
    await link(await make(open, "claim"), await make(open, "claim"), "attributes");
  });

  /** The pure definition over the rows themselves: live annotations (optionally approved only) with their links among them. */
  async function byDefinition(approvedOnly: boolean): Promise<Map<string, SummaryCounts>> {
    const rows = await db.prisma.annotation.findMany({
      where: { articleId: { in: ids }, deletedAt: null, ...(approvedOnly ? { status: "approved" } : {}) },
      select: { id: true, articleId: true, kind: true, status: true, linksFrom: { select: { toId: true, type: true } } },
    });
    return new Map(
      ids.map((id) => {
        const mine = rows.filter((r) => r.articleId === id);
        const present = new Set(mine.map((r) => r.id));
        const annotations: CountedAnnotation[] = mine.map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          links: r.linksFrom.filter((l) => present.has(l.toId)).map((l) => ({ type: l.type, targetId: l.toId })),
        }));
        return [id, summaryCounts(annotations)];
      }),
    );
  }

  async function bulk(approvedOnly: boolean): Promise<Map<string, SummaryCounts>> {
    const rows = await db.prisma.$queryRawUnsafe<{ line: string }[]>(jsonLinesQuery(approvedOnly), ids, new Date().toISOString());
    return new Map(rows.map((r) => JSON.parse(r.line) as { article: { id: string }; summary: SummaryCounts }).map((l) => [l.article.id, l.summary]));
  }

  async function exported(status: "all" | "approved"): Promise<Map<string, SummaryCounts>> {
    const result = new Map<string, SummaryCounts>();
    for (const id of ids) {
      const file = await exportArticle(db.prisma, editor, id, { format: "json", status }, { baseUrl: "http://localhost" });
      if (file.format !== "json") throw new Error("expected the JSON export");
      result.set(id, file.document.summary);
    }
    return result;
  }

  it("the article list's SQL, the bulk export's SQL and the export all count what summaryCounts counts", async () => {
    const expected = await byDefinition(false);
    // The data is worth comparing: every key is non-zero somewhere.
    const mixed = expected.get(ids[1]!)!;
    expect(mixed).toEqual({ claim: 4, hedge: 2, attribution: 2, pending: 1, approved: 3, rejected: 2, orphaned: 2, unattributedClaims: 2 });
    expect(expected.get(ids[0]!)).toEqual(summaryCounts([]));
    expect(expected.get(ids[3]!)!.unattributedClaims).toBe(2);
    expect(await countAnnotations(db.prisma, ids)).toEqual(expected);
    expect(await bulk(false)).toEqual(expected);
    expect(await exported("all")).toEqual(expected);
  });

  it("an approved-only export counts only what it exports, in SQL and in the export alike", async () => {
    const expected = await byDefinition(true);
    expect(expected.get(ids[2]!)).toMatchObject({ claim: 1, hedge: 1, attribution: 0, approved: 2, pending: 0, unattributedClaims: 1 });
    expect(await bulk(true)).toEqual(expected);
    expect(await exported("approved")).toEqual(expected);
  });
});
