import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { Prisma } from "@/lib/db/prisma";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { annotationInsertion, createAnnotation } from "@/lib/server/annotations/create-annotation";
import { writeAnnotationChange } from "@/lib/server/annotations/write-annotation-change";
import { createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { makeArticle } from "./annotation-api";

const SAMPLE = ["Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week."];

/**
 * The single statement behind tagging writes the annotation, its audit event and the article's
 * status together, and writes nothing at all when the article moved on after it was read: those
 * refusals cannot be reached through the API without a race, so they are driven here directly.
 */
describeEachDatabase("annotation writes in one statement", (db) => {
  let editor: TestUser;
  const insertAnnotation = (annotation: AnnotationJson, actorId: string) =>
    writeAnnotationChange(db.prisma, annotationInsertion(annotation, actorId, new Date(annotation.createdAt), 0));

  beforeAll(async () => {
    editor = await createTestUser(db.prisma, { role: "editor" });
  });

  /** A valid new annotation's answer for the article, as createAnnotation builds it. */
  async function draft(articleId: string, revisionId: string, id = randomUUID()) {
    // createAnnotation on a scratch article gives a real answer to copy; it is then pointed at `articleId`.
    const scratch = await makeArticle(db.prisma, editor, SAMPLE, "Scratch");
    const { annotation } = await createAnnotation(db.prisma, editor, scratch.id, { revisionId: scratch.revisionId, kind: "claim", quote: { exact: "unconfirmed" } });
    return { ...annotation, id, articleId, revisionId };
  }

  const stored = async (articleId: string) => ({
    annotations: await db.prisma.annotation.count({ where: { articleId } }),
    audit: await db.prisma.auditEvent.count({ where: { action: "annotation.create", after: { path: ["articleId"], equals: articleId } } }),
    article: await db.prisma.article.findUniqueOrThrow({ where: { id: articleId }, select: { status: true, updatedAt: true } }),
  });

  it("writes the annotation, its audit event and the article's status together", async () => {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    const annotation = await draft(article.id, article.revisionId);
    expect(await insertAnnotation(annotation, editor.id)).toBe(true);
    const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id: annotation.id } });
    expect(row).toMatchObject({ articleId: article.id, revisionId: article.revisionId, quoteExact: "unconfirmed", status: "pending", version: 1, createdById: editor.id });
    expect(row.createdAt.toISOString()).toBe(annotation.createdAt);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "annotation.create", entityId: annotation.id } });
    expect(audit.actorId).toBe(editor.id);
    expect(audit.after).toEqual(annotation);
    expect((await stored(article.id)).article.status).toBe("in_review");
  });

  it("writes nothing when the article has a newer revision", async () => {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    const current = await db.prisma.revision.findUniqueOrThrow({ where: { id: article.revisionId } });
    const newer = await db.prisma.revision.create({
      data: { articleId: article.id, number: 2, doc: current.doc!, text: current.text, createdById: editor.id },
    });
    await db.prisma.article.update({ where: { id: article.id }, data: { currentRevisionId: newer.id } });
    const before = await stored(article.id);
    expect(await insertAnnotation(await draft(article.id, article.revisionId), editor.id)).toBe(false);
    expect(await stored(article.id)).toEqual(before);
  });

  it("writes nothing when the article was deleted", async () => {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    await db.prisma.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
    const before = await stored(article.id);
    expect(await insertAnnotation(await draft(article.id, article.revisionId), editor.id)).toBe(false);
    expect(await stored(article.id)).toEqual(before);
  });

  it("writes nothing and leaves the holder alone when the id is taken", async () => {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    const first = await draft(article.id, article.revisionId);
    expect(await insertAnnotation(first, editor.id)).toBe(true);
    const before = await stored(article.id);
    const holder = await db.prisma.annotation.findUniqueOrThrow({ where: { id: first.id } });
    expect(await insertAnnotation({ ...first, note: "A different note" }, editor.id)).toBe(false);
    expect(await stored(article.id)).toEqual(before);
    expect(await db.prisma.annotation.findUniqueOrThrow({ where: { id: first.id } })).toEqual(holder);
  });

  it("records nothing when an update's version guard matches no row (someone wrote in between)", async () => {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    const annotation = await draft(article.id, article.revisionId);
    expect(await insertAnnotation(annotation, editor.id)).toBe(true);
    await db.prisma.annotation.update({ where: { id: annotation.id }, data: { version: 2 } });
    const before = { ...(await stored(article.id)), events: await db.prisma.auditEvent.count({ where: { entityId: annotation.id } }) };
    const at = new Date();
    const written = await writeAnnotationChange(db.prisma, {
      write: Prisma.sql`UPDATE "annotations" SET "deletedAt" = ${at}, "version" = "version" + 1 WHERE "id" = ${annotation.id}::uuid AND "version" = 1 RETURNING "id"`,
      annotation: { id: annotation.id, articleId: article.id, status: null },
      actorId: editor.id,
      audits: [{ action: "annotation.delete", before: annotation }],
      at,
    });
    expect(written).toBe(false);
    expect({ ...(await stored(article.id)), events: await db.prisma.auditEvent.count({ where: { entityId: annotation.id } }) }).toEqual(before);
    expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id: annotation.id } })).deletedAt).toBeNull();
  });
});
