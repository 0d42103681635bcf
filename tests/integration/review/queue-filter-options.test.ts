import { describe, expect, it } from "vitest";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { queueFilterOptions } from "@/lib/server/review/queue-filter-options";
import { createTestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { makeArticle } from "../annotations/annotation-api";

describeEachDatabase("queue filter options", (db) => {
  describe("authors and articles with pending work", () => {
    it("lists exactly the authors and articles that have pending annotations", async () => {
      const author = await createTestUser(db.prisma, { role: "editor" });
      const idle = await createTestUser(db.prisma, { role: "editor" });
      const busy = await makeArticle(db.prisma, author, ["The mayor said the bridge will reopen in May."], "Bridge story");
      const quiet = await makeArticle(db.prisma, idle, ["Nothing was tagged in this one."], "Quiet story");
      const approved = await makeArticle(db.prisma, idle, ["The council approved the plan on Monday."], "Settled story");
      await createAnnotation(db.prisma, author, busy.id, { revisionId: busy.revisionId, kind: "claim", quote: { exact: "the bridge will reopen in May" } });
      const done = await createAnnotation(db.prisma, idle, approved.id, { revisionId: approved.revisionId, kind: "claim", quote: { exact: "approved the plan" } });
      await db.prisma.annotation.update({ where: { id: done.annotation.id }, data: { status: "approved" } });

      const { authors, articles } = await queueFilterOptions(db.prisma, author);
      expect(authors.map((a) => a.id)).toContain(author.id);
      expect(authors.map((a) => a.id)).not.toContain(idle.id);
      expect(articles.map((a) => a.id)).toContain(busy.id);
      expect(articles.map((a) => a.id)).not.toContain(quiet.id);
      expect(articles.map((a) => a.id)).not.toContain(approved.id);
    });
  });
});
