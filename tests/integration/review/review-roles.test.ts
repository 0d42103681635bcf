import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { auditEvents, expectError, expectJson, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { madeUpToken, reviewApi, tag, type HistoryEntry, type QueuePage } from "./review-api";

const SAMPLE = [
  "The minister said the new bridge would open in March, two months ahead of the schedule agreed last year.",
  "Engineers, who asked not to be named, said the final inspection had not yet been booked.",
];

type Caller = "author editor" | "other editor" | "reviewer" | "admin" | "disabled reviewer" | "made-up token";

/** What each caller gets from POST /api/annotations/:id/review on a pending annotation written by the author editor. */
const REVIEW: Record<Caller, { status: 200 } | { status: 401 | 403; code: string }> = {
  "made-up token": { status: 401, code: "unauthorized" },
  "author editor": { status: 403, code: "forbidden" },
  "other editor": { status: 403, code: "forbidden" },
  reviewer: { status: 200 },
  admin: { status: 200 },
  "disabled reviewer": { status: 401, code: "unauthorized" },
};

/** Every signed-in role may read history and the queue; an unknown or dead token may not. */
const READ: Record<Caller, 200 | 401> = {
  "made-up token": 401,
  "author editor": 200,
  "other editor": 200,
  reviewer: 200,
  admin: 200,
  "disabled reviewer": 401,
};

describeEachDatabase("review endpoints by role", (db) => {
  const users = {} as Record<Exclude<Caller, "made-up token">, TestUser>;
  const tokens = {} as Record<Caller, string>;
  let article: TestArticle;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    const roles = {
      "author editor": "editor",
      "other editor": "editor",
      reviewer: "reviewer",
      admin: "admin",
      "disabled reviewer": "reviewer",
    } as const;
    for (const [name, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
      users[name] = await createTestUser(db.prisma, { role });
      tokens[name] = await createTestToken(db.prisma, users[name].email);
    }
    tokens["made-up token"] = madeUpToken();
    // The token was issued while the account was enabled; disabling the account must kill it.
    await db.prisma.user.update({ where: { id: users["disabled reviewer"].id }, data: { disabled: true } });
    article = await makeArticle(db.prisma, users["author editor"], SAMPLE, "Bridge opening");
  });

  const row = (id: string) => db.prisma.annotation.findUniqueOrThrow({ where: { id } });

  describe("POST /api/annotations/:id/review on an editor's annotation", () => {
    it.each(Object.keys(REVIEW) as Caller[])("%s", async (caller) => {
      const created = await tag(db.prisma, users["author editor"], article, "the new bridge would open in March");
      const res = await reviewApi.review(tokens[caller], created.id, { version: 1, decision: "approve" });
      const expected = REVIEW[caller];
      if (expected.status === 200) {
        const reviewer = users[caller as "reviewer" | "admin"];
        const body = await expectJson<AnnotationJson>(res, 200);
        expect(body).toMatchObject({ id: created.id, status: "approved", version: 2, reviewedBy: { id: reviewer.id, name: reviewer.name }, reviewNote: null });
        expect(body.reviewedAt).not.toBeNull();
        expect(await row(created.id)).toMatchObject({ status: "approved", version: 2, reviewedById: reviewer.id });
        const approvals = await auditEvents(db.prisma, created.id, "annotation.approve");
        expect(approvals.map((e) => e.actorId)).toEqual([reviewer.id]);
      } else {
        await expectError(res, expected.status, expected.code);
        expect(await row(created.id)).toMatchObject({ status: "pending", version: 1, reviewedById: null, reviewedAt: null, reviewNote: null });
        expect((await auditEvents(db.prisma, created.id)).map((e) => e.action)).toEqual(["annotation.create"]);
      }
    });

    it("an admin can reject with a note", async () => {
      const created = await tag(db.prisma, users["author editor"], article, "the final inspection had not yet been booked");
      const body = await expectJson<AnnotationJson>(
        await reviewApi.review(tokens.admin, created.id, { version: 1, decision: "reject", note: "Not a claim: a report of a fact." }),
        200,
      );
      expect(body).toMatchObject({ status: "rejected", reviewedBy: { id: users.admin.id }, reviewNote: "Not a claim: a report of a fact." });
    });

    it.each(["reviewer", "admin"] as const)("a %s reviewing their own annotation → 403 naming the four-eyes rule; nothing changes", async (who) => {
      const own = await tag(db.prisma, users[who], article, "two months ahead of the schedule");
      for (const decision of ["approve", "reject"] as const) {
        const body = await expectError(await reviewApi.review(tokens[who], own.id, { version: 1, decision, note: "Looks fine" }), 403, "forbidden");
        expect(body.error.message).toMatch(/own/i);
      }
      expect(await row(own.id)).toMatchObject({ status: "pending", version: 1, reviewedById: null });
      expect((await auditEvents(db.prisma, own.id)).map((e) => e.action)).toEqual(["annotation.create"]);
      // Someone else may review it.
      const other = who === "reviewer" ? "admin" : "reviewer";
      const approved = await expectJson<AnnotationJson>(await reviewApi.review(tokens[other], own.id, { version: 1, decision: "approve" }), 200);
      expect(approved.reviewedBy?.id).toBe(users[other].id);
    });

    it("an editor is refused even with a rejection that would otherwise be invalid, and the refusal names the role", async () => {
      const created = await tag(db.prisma, users["author editor"], article, "Engineers");
      const body = await expectError(await reviewApi.review(tokens["other editor"], created.id, { version: 1, decision: "reject" }), 403, "forbidden");
      expect(body.error.message).toMatch(/reviewer/);
      expect(await row(created.id)).toMatchObject({ status: "pending", version: 1 });
    });
  });

  describe("reading history and the queue", () => {
    let annotationId: string;

    beforeAll(async () => {
      annotationId = (await tag(db.prisma, users["author editor"], article, "the final inspection", "claim")).id;
    });

    it.each(Object.keys(READ) as Caller[])("GET /api/annotations/:id/history as %s", async (caller) => {
      const res = await reviewApi.history(tokens[caller], annotationId);
      if (READ[caller] === 401) {
        await expectError(res, 401, "unauthorized");
        return;
      }
      const history = await expectJson<HistoryEntry[]>(res, 200);
      expect(history.map((h) => h.action)).toEqual(["annotation.create"]);
      expect(history[0]!.actor).toEqual({ id: users["author editor"].id, name: users["author editor"].name });
    });

    it.each(Object.keys(READ) as Caller[])("GET /api/review/queue as %s", async (caller) => {
      const res = await reviewApi.queue(tokens[caller], { articleId: article.id });
      if (READ[caller] === 401) {
        await expectError(res, 401, "unauthorized");
        return;
      }
      const page = await expectJson<QueuePage>(res, 200);
      expect(page.items.map((i) => i.id)).toContain(annotationId);
      expect(page.items.every((i) => i.status === "pending" && i.article.id === article.id)).toBe(true);
      const pending = await db.prisma.annotation.count({ where: { articleId: article.id, status: "pending", deletedAt: null } });
      expect(page.total).toBe(pending);
    });
  });
});
