import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, expectJson, fetchArticle, makeArticle, snapshotCounts, type TestArticle } from "./annotation-api";

const SAMPLE = [
  "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.",
  "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.",
];

/** Notes starting with this make the audit insert fail, so a write's own changes must roll back with it. */
const POISON = "POISON-AUDIT";

/**
 * The audit event of an annotation write is recorded in the same transaction as the write: when
 * recording it fails (a trigger refuses it here), the annotation change itself must not persist.
 */
describeEachDatabase("annotation writes and their audit events are atomic", (db) => {
  let editor: TestUser;
  let token: string;
  let article: TestArticle;
  let quietErrors: { mockRestore(): void } | undefined;

  beforeAll(async () => {
    // The route logs the unexpected database error; keep the test output readable.
    quietErrors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    token = await createTestToken(db.prisma, editor.email);
    article = await makeArticle(db.prisma, editor, SAMPLE);
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_poisoned_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."entityType" = 'annotation' AND (
          coalesce(NEW."after"->>'note', '') LIKE '${POISON}%'
          OR EXISTS (SELECT 1 FROM "annotations" WHERE "id"::text = NEW."entityId" AND "note" LIKE '${POISON}%')
        ) THEN
          RAISE EXCEPTION 'audit event refused by the test trigger';
        END IF;
        RETURN NEW;
      END $$`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_poisoned_audit BEFORE INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_audit()`,
    );
  });

  afterAll(() => {
    quietErrors?.mockRestore();
  });

  /** A pending claim by the editor whose note is then poisoned directly, without an audit event. */
  async function poisoned(kind = "claim", exact = "Putin had agreed") {
    const created = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind, quote: { exact } }), 201);
    await db.prisma.annotation.update({ where: { id: created.id }, data: { note: POISON } });
    return created.id;
  }

  it("an ordinary write is not affected by the trigger", async () => {
    const ok = await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "Steve Witkoff" }, note: "fine" });
    expect(ok.status).toBe(201);
  });

  it("create: no annotation is left behind and the article stays as it was", async () => {
    const own = await makeArticle(db.prisma, editor, SAMPLE);
    const before = await snapshotCounts(db.prisma);
    const id = randomUUID();
    const res = await api.create(token, own.id, { id, revisionId: own.revisionId, kind: "claim", quote: { exact: "as yet" }, note: POISON });
    expect(res.status).toBe(500);
    expect(await db.prisma.annotation.findUnique({ where: { id } })).toBeNull();
    expect(await snapshotCounts(db.prisma)).toEqual(before);
    expect((await fetchArticle(token, own.id)).article.status).toBe("draft");
  });

  it("update: the annotation keeps its version and fields", async () => {
    const created = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "Officials in Kyiv" } }), 201);
    const res = await api.patch(token, created.id, { version: 1, note: POISON, kind: "hedge" });
    expect(res.status).toBe(500);
    expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ version: 1, note: "", kind: "claim" });
    expect((await auditEvents(db.prisma, created.id)).map((e) => e.action)).toEqual(["annotation.create"]);
  });

  it("delete: the annotation stays live", async () => {
    const id = await poisoned();
    const res = await api.remove(token, id, "version=1");
    expect(res.status).toBe(500);
    expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id } })).toMatchObject({ version: 1, deletedAt: null });
    expect((await fetchArticle(token, article.id)).annotations.map((a) => a.id)).toContain(id);
  });

  it("link: no link row is left behind", async () => {
    const claim = await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind: "claim", quote: { exact: "security guarantees" } }), 201);
    const id = await poisoned("attribution", "US special envoy");
    const res = await api.link(token, id, { type: "attributes", targetId: claim.id });
    expect(res.status).toBe(500);
    expect(await db.prisma.annotationLink.count({ where: { fromId: id } })).toBe(0);
  });
});
