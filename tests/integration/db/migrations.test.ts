import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { assertMigrated, DatabaseNotMigratedError, pendingMigrations } from "@/lib/db/migration-status";
import { migrationNames } from "@/lib/db/migrations-folder";
import type { PrismaClient } from "@/lib/db/prisma";
import { describeEachDatabase, type OpenedDatabase } from "../../helpers/test-database";

/** A user, an article and its first revision, inserted with Prisma alone (no data layer). */
async function articleWithRevision(prisma: PrismaClient, email: string) {
  const user = await prisma.user.create({ data: { email, name: "Constraint Tester" } });
  const article = await prisma.article.create({ data: { title: "Constraints", createdById: user.id } });
  const revision = await prisma.revision.create({
    data: { articleId: article.id, number: 1, doc: { type: "doc" }, text: "Some claim text.", createdById: user.id },
  });
  return { user, article, revision };
}

describeEachDatabase("migrations", (db) => {
  const committed = migrationNames();

  it("has committed migrations to test against", () => {
    expect(committed.length).toBeGreaterThan(0);
  });

  describe("on a brand-new database", () => {
    let fresh: OpenedDatabase;
    beforeAll(async () => {
      fresh = await db.openAnother({ migrated: false });
    });
    afterAll(async () => {
      await fresh.close();
    });

    it("reports every migration missing, and assertMigrated names the command that fixes it", async () => {
      expect(await pendingMigrations(fresh.prisma)).toEqual(committed);
      const failure = await assertMigrated(fresh.prisma).then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(DatabaseNotMigratedError);
      expect((failure as Error).message).toContain("npm run db:migrate");
      expect((failure as Error).message).toContain(committed[0]);
    });

    it("applies every migration once; applying again changes nothing", async () => {
      expect(await applyMigrations(fresh.adapterFactory())).toEqual(committed);
      expect(await applyMigrations(fresh.adapterFactory())).toEqual([]);
      expect(await pendingMigrations(fresh.prisma)).toEqual([]);
      await expect(assertMigrated(fresh.prisma)).resolves.toBeUndefined();
      expect(await fresh.prisma.user.count()).toBe(0);
    });
  });

  describe("on the migrated test database", () => {
    it("has nothing pending, and re-applying is a no-op", async () => {
      expect(await pendingMigrations(db.prisma)).toEqual([]);
      expect(await applyMigrations(db.adapterFactory())).toEqual([]);
    });

    it("rejects an annotation whose start is not before its end", async () => {
      const { user, article, revision } = await articleWithRevision(db.prisma, "span-checker@newsmark.test");
      const base = {
        articleId: article.id,
        revisionId: revision.id,
        kind: "claim" as const,
        from: 1,
        to: 5,
        quoteExact: "Some",
        createdById: user.id,
      };
      await expect(db.prisma.annotation.create({ data: { ...base, start: 4, end: 4 } })).rejects.toThrow(
        /annotations_start_before_end/,
      );
      await expect(db.prisma.annotation.create({ data: { ...base, start: 5, end: 2 } })).rejects.toThrow(
        /annotations_start_before_end/,
      );
      await expect(db.prisma.annotation.create({ data: { ...base, start: 0, end: 4, version: 0 } })).rejects.toThrow(
        /annotations_version_positive/,
      );
      expect(await db.prisma.annotation.count()).toBe(0);
      // The same row with valid values is accepted, so the rejections above are the constraints at work.
      await db.prisma.annotation.create({ data: { ...base, start: 0, end: 4 } });
      expect(await db.prisma.annotation.count()).toBe(1);
    });

    it("rejects a revision numbered below 1", async () => {
      const { user, article } = await articleWithRevision(db.prisma, "revision-checker@newsmark.test");
      await expect(
        db.prisma.revision.create({ data: { articleId: article.id, number: 0, doc: {}, text: "x", createdById: user.id } }),
      ).rejects.toThrow(/revisions_number_positive/);
    });

    it("rejects a user email with upper-case letters", async () => {
      await expect(db.prisma.user.create({ data: { email: "Upper.Case@newsmark.test", name: "Upper" } })).rejects.toThrow(
        /users_email_lowercase/,
      );
      expect(await db.prisma.user.findFirst({ where: { email: { equals: "upper.case@newsmark.test", mode: "insensitive" } } })).toBeNull();
    });
  });
});
