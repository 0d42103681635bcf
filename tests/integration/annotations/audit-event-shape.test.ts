import { beforeAll, expect, it } from "vitest";
import { toNewsmarkJson } from "@/lib/export/newsmark-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { createArticle } from "@/lib/server/articles/create-article";
import { recordAudit } from "@/lib/server/audit";
import { loadExportSources } from "@/lib/server/export/load-export-source";
import { createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

/** An audit row as stored, with how PostgreSQL sees its JSON columns (SQL NULL is `null` here, a JSON null `"null"`). */
interface StoredEvent {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeType: string | null;
  afterType: string | null;
  before: unknown;
  after: unknown;
  at: Date;
}

const TEXT = "The mayor said the bridge will open in May, according to the council.";

describeEachDatabase("one shape for audit events, whichever path writes them", (db) => {
  let editor: TestUser;
  beforeAll(async () => {
    editor = await createTestUser(db.prisma, { role: "editor" });
  });

  async function stored(entityId: string, action: string): Promise<StoredEvent> {
    const rows = await db.prisma.$queryRaw<StoredEvent[]>`
      SELECT "id"::text, "actorId"::text, "action", "entityType", "entityId",
             jsonb_typeof("before") AS "beforeType", jsonb_typeof("after") AS "afterType", "before", "after", "at"
        FROM "audit_events" WHERE "entityId" = ${entityId} AND "action" = ${action}`;
    expect(rows, `one ${action} event for ${entityId}`).toHaveLength(1);
    return rows[0]!;
  }

  /** The event without what differs between two copies of one change: ids, times, the article. */
  function comparable(event: StoredEvent, ids: Map<string, string>) {
    const swap = (value: unknown): unknown =>
      typeof value === "string"
        ? (ids.get(value) ?? value)
        : Array.isArray(value)
          ? value.map(swap)
          : value && typeof value === "object"
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /At$/.test(k) ? "<time>" : swap(v)]))
            : value;
    return { ...event, id: "<id>", entityId: swap(event.entityId), before: swap(event.before), after: swap(event.after), at: "<time>" };
  }

  it("tagging (one statement), linking (a transaction) and importing the same annotations store the same events", async () => {
    const article = await createArticle(db.prisma, editor, { title: "Audit shape", format: "text", content: TEXT });
    const span = (words: string) => ({ start: TEXT.indexOf(words), end: TEXT.indexOf(words) + [...words].length });
    const before = new Date();
    const { annotation: claim } = await createAnnotation(db.prisma, editor, article.id, {
      revisionId: article.revision.id,
      kind: "claim",
      ...span("the bridge will open in May"),
      note: "Check the date",
    });
    const { annotation: attribution } = await createAnnotation(db.prisma, editor, article.id, {
      revisionId: article.revision.id,
      kind: "attribution",
      ...span("the council"),
      attributes: { sourceType: "organisation", sourceName: "City council" },
    });
    await createLink(db.prisma, editor, attribution.id, { type: "attributes", targetId: claim.id });

    // The same annotations and link, through the import of the article's export.
    const [source] = await loadExportSources(db.prisma, [article.id], "all");
    const imported = await createArticle(db.prisma, editor, { title: "Audit shape", format: "newsmark", content: toNewsmarkJson(source!, new Date()) });
    const copies = await db.prisma.annotation.findMany({ where: { articleId: imported.id }, select: { id: true, kind: true } });
    const copyOf = new Map(copies.map((c) => [c.kind === "claim" ? claim.id : attribution.id, c.id]));
    // Ids of the copy read as the original's, so equal events compare equal.
    const asOriginal = new Map<string, string>([
      [imported.id, article.id],
      [imported.revision.id, article.revision.id],
      ...[...copyOf].map(([original, copy]) => [copy, original] as [string, string]),
    ]);
    const same = new Map<string, string>();

    for (const original of [claim, attribution]) {
      const tagged = await stored(original.id, "annotation.create");
      const importedEvent = await stored(copyOf.get(original.id)!, "annotation.create");
      // No before is SQL NULL on both paths, never a JSON null; the after is the API's Annotation.
      expect(tagged).toMatchObject({ actorId: editor.id, entityType: "annotation", beforeType: null, before: null, afterType: "object" });
      expect(tagged.after).toEqual(JSON.parse(JSON.stringify(original)));
      expect(tagged.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
      expect(comparable(importedEvent, asOriginal)).toEqual(comparable(tagged, same));
    }

    const linked = await stored(attribution.id, "annotation.link");
    const importedLink = await stored(copyOf.get(attribution.id)!, "annotation.link");
    expect(linked).toMatchObject({ beforeType: null, before: null, afterType: "object", after: { type: "attributes", targetId: claim.id } });
    expect(comparable(importedLink, asOriginal)).toEqual(comparable(linked, same));
  });

  it("recordAudit stores an event exactly as the one-statement path does, and a null value as SQL NULL", async () => {
    const article = await createArticle(db.prisma, editor, { title: "Audit shape, direct", format: "text", content: TEXT });
    const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revision.id, kind: "hedge", start: 0, end: 9 });
    const tagged = await stored(annotation.id, "annotation.create");
    const at = new Date("2026-03-04T05:06:07.089Z");
    await db.prisma.$transaction((tx) =>
      recordAudit(tx, editor, { action: "annotation.replayed", entityType: "annotation", entityId: annotation.id, before: null, after: annotation }, at),
    );
    const recorded = await stored(annotation.id, "annotation.replayed");
    expect(recorded.at.toISOString()).toBe(at.toISOString());
    expect({ ...recorded, id: "<id>", action: "<action>", at: "<time>" }).toEqual({ ...tagged, id: "<id>", action: "<action>", at: "<time>" });
  });
});
