import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/server/auth/password";
import { DEMO_USERS } from "@/lib/db/demo-users";
import { seedDemoData } from "@/lib/server/seed/seed-demo-data";
import { describeEachDatabase } from "../../helpers/test-database";

/** Every node type in a ProseMirror JSON document. */
function nodeTypes(node: unknown, into: string[] = []): string[] {
  const n = node as { type?: string; content?: unknown[] };
  if (n.type) into.push(n.type);
  for (const child of n.content ?? []) nodeTypes(child, into);
  return into;
}

describeEachDatabase("seedDemoData", (db) => {
  describe("on an empty database", () => {
    it("creates the three demo users with their roles and working passwords", async () => {
      expect(await db.prisma.user.count()).toBe(0);
      expect(await seedDemoData(db.prisma)).toEqual({ users: 3, articles: 1 });
      const users = await db.prisma.user.findMany({ orderBy: { email: "asc" } });
      expect(users.map((u) => [u.email, u.role])).toEqual([
        ["admin@newsmark.test", "admin"],
        ["editor@newsmark.test", "editor"],
        ["reviewer@newsmark.test", "reviewer"],
      ]);
      for (const demo of DEMO_USERS) {
        const user = users.find((u) => u.email === demo.email)!;
        expect(user.disabled).toBe(false);
        expect(await verifyPassword(user.passwordHash!, demo.password)).toBe(true);
      }
    });

    it("creates the sample article by the editor, with its text and heading structure", async () => {
      const articles = await db.prisma.article.findMany({ include: { currentRevision: true, createdBy: true } });
      expect(articles).toHaveLength(1);
      const [article] = articles;
      expect(article!.title).toContain("Ukraine War");
      expect(article!.createdBy.email).toBe("editor@newsmark.test");
      const revision = article!.currentRevision!;
      expect(revision.number).toBe(1);
      expect(revision.text).toContain("security guarantees for Ukraine");
      const types = nodeTypes(revision.doc);
      expect(types[0]).toBe("doc");
      expect(types).toContain("heading");
      expect(types).toContain("paragraph");
    });

    it("creates nothing new when run again", async () => {
      const before = {
        users: await db.prisma.user.count(),
        articles: await db.prisma.article.count(),
        revisions: await db.prisma.revision.count(),
        audit: await db.prisma.auditEvent.count(),
      };
      expect(await seedDemoData(db.prisma)).toEqual({ users: 0, articles: 0 });
      expect({
        users: await db.prisma.user.count(),
        articles: await db.prisma.article.count(),
        revisions: await db.prisma.revision.count(),
        audit: await db.prisma.auditEvent.count(),
      }).toEqual(before);
      expect(before).toMatchObject({ users: 3, articles: 1, revisions: 1 });
    });
  });
});
