import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, expectError, makeArticle, type TestArticle } from "./annotation-api";

const SAMPLE = [
  "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.",
  "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.",
];

type ActorName = "author editor" | "other editor" | "reviewer" | "admin" | "disabled admin" | "disabled author";
type Op = "PATCH" | "DELETE" | "POST link";

const OPS: Op[] = ["PATCH", "DELETE", "POST link"];
const ALLOWED: Record<Op, number> = { PATCH: 200, DELETE: 204, "POST link": 201 };

/** The status each actor gets for each operation on a pending annotation written by the author editor. */
const ON_PENDING: Record<ActorName, number | "allowed"> = {
  "author editor": "allowed",
  "other editor": 403,
  reviewer: "allowed",
  admin: "allowed",
  "disabled admin": 401,
  // The annotation's own author, once disabled: the token no longer works at all.
  "disabled author": 401,
};

/** On an approved (or otherwise reviewed) annotation, only reviewers and admins may still change it. */
const ON_REVIEWED: Partial<Record<ActorName, number | "allowed">> = {
  "author editor": 403,
  "other editor": 403,
  reviewer: "allowed",
  admin: "allowed",
};

const CODES: Record<number, string> = { 401: "unauthorized", 403: "forbidden" };

describeEachDatabase("annotation permissions", (db) => {
  const users = {} as Record<ActorName, TestUser>;
  const tokens = {} as Record<ActorName, string>;
  let article: TestArticle;
  let claimId: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    const roles: Record<ActorName, "editor" | "reviewer" | "admin"> = {
      "author editor": "editor",
      "other editor": "editor",
      reviewer: "reviewer",
      admin: "admin",
      "disabled admin": "admin",
      "disabled author": "editor",
    };
    for (const [name, role] of Object.entries(roles) as [ActorName, "editor" | "reviewer" | "admin"][]) {
      users[name] = await createTestUser(db.prisma, { role });
      tokens[name] = await createTestToken(db.prisma, users[name].email);
    }
    await db.prisma.user.updateMany({ where: { id: { in: [users["disabled admin"].id, users["disabled author"].id] } }, data: { disabled: true } });
    article = await makeArticle(db.prisma, users["author editor"], SAMPLE);
    const claim = await createAnnotation(db.prisma, users["author editor"], article.id, {
      revisionId: article.revisionId,
      kind: "claim",
      quote: { exact: "Putin had agreed to security guarantees" },
    });
    claimId = claim.annotation.id;
  });

  /** A fresh pending attribution by `owner` (the author editor unless the case says otherwise). */
  async function attribution(owner: TestUser, status: "pending" | "approved" | "rejected" | "orphaned" = "pending") {
    const { annotation } = await createAnnotation(db.prisma, owner, article.id, {
      revisionId: article.revisionId,
      kind: "attribution",
      quote: { exact: "US special envoy Steve Witkoff" },
    });
    if (status !== "pending") {
      const reviewed = status === "approved" || status === "rejected";
      await db.prisma.annotation.update({
        where: { id: annotation.id },
        data: { status, reviewedById: reviewed ? users.reviewer.id : null, reviewedAt: reviewed ? new Date() : null },
      });
    }
    return annotation.id;
  }

  function run(op: Op, token: string, id: string): Promise<Response> {
    if (op === "PATCH") return api.patch(token, id, { version: 1, note: "Changed by someone" });
    if (op === "DELETE") return api.remove(token, id, "version=1");
    return api.link(token, id, { type: "attributes", targetId: claimId });
  }

  async function expectUnchanged(id: string, status: string) {
    const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ version: 1, note: "", deletedAt: null, status });
    expect(await db.prisma.annotationLink.count({ where: { fromId: id } })).toBe(0);
    expect((await auditEvents(db.prisma, id)).map((e) => e.action)).toEqual(["annotation.create"]);
  }

  async function expectApplied(op: Op, id: string, actor: TestUser) {
    const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(op === "POST link" ? 1 : 2);
    if (op === "PATCH") expect(row).toMatchObject({ note: "Changed by someone", deletedAt: null });
    if (op === "DELETE") expect(row.deletedAt).not.toBeNull();
    if (op === "POST link") {
      const links = await db.prisma.annotationLink.findMany({ where: { fromId: id } });
      expect(links).toMatchObject([{ toId: claimId, type: "attributes", createdById: actor.id }]);
    }
    const events = await auditEvents(db.prisma, id);
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.action !== "annotation.create")?.actorId).toBe(actor.id);
  }

  const pendingCases = (Object.keys(ON_PENDING) as ActorName[]).flatMap((actor) => OPS.map((op) => [actor, op] as const));

  describe("on a pending annotation by the author editor", () => {
    it.each(pendingCases)("%s: %s", async (actor, op) => {
      const owner = actor === "disabled author" ? users["disabled author"] : users["author editor"];
      const id = await attribution(owner);
      const res = await run(op, tokens[actor], id);
      const expected = ON_PENDING[actor];
      if (expected === "allowed") {
        expect(res.status, await res.clone().text()).toBe(ALLOWED[op]);
        await expectApplied(op, id, users[actor]);
      } else {
        await expectError(res, expected, CODES[expected]!);
        await expectUnchanged(id, "pending");
      }
    });
  });

  const reviewedCases = (["approved", "rejected", "orphaned"] as const).flatMap((status) =>
    (Object.keys(ON_REVIEWED) as ActorName[]).flatMap((actor) => OPS.map((op) => [status, actor, op] as const)),
  );

  describe("on an annotation that is no longer pending", () => {
    it.each(reviewedCases)("%s, %s: %s", async (status, actor, op) => {
      const id = await attribution(users["author editor"], status);
      const res = await run(op, tokens[actor], id);
      // Its author may still edit an orphan: that is how they re-attach it to text.
      const expected = status === "orphaned" && actor === "author editor" && op === "PATCH" ? "allowed" : ON_REVIEWED[actor]!;
      if (expected === "allowed") {
        expect(res.status, await res.clone().text()).toBe(ALLOWED[op]);
        await expectApplied(op, id, users[actor]);
        if (op === "PATCH") {
          // A note is not a substantive change: the review stands.
          expect((await db.prisma.annotation.findUniqueOrThrow({ where: { id } })).status).toBe(status);
        }
      } else {
        await expectError(res, expected, CODES[expected]!);
        await expectUnchanged(id, status);
      }
    });
  });

  it("an editor may not create a link from another editor's annotation, even to their own claim", async () => {
    const id = await attribution(users["author editor"]);
    const { annotation: ownClaim } = await createAnnotation(db.prisma, users["other editor"], article.id, {
      revisionId: article.revisionId,
      kind: "claim",
      quote: { exact: "talks would continue next week" },
    });
    await expectError(await api.link(tokens["other editor"], id, { type: "attributes", targetId: ownClaim.id }), 403, "forbidden");
    await expectUnchanged(id, "pending");
  });
});
