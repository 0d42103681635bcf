import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, auditEvents, expectError, expectJson, fetchArticle, makeArticle, snapshotCounts, type TestArticle } from "./annotation-api";

const SAMPLE = [
  "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.",
  "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.",
];

describeEachDatabase("POST /api/annotations/:id/links", (db) => {
  let editor: TestUser;
  let token: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    token = await createTestToken(db.prisma, editor.email);
  });

  /** An article with a claim, an attribution and a hedge, all pending and by the editor. */
  async function scene() {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    const make = async (kind: string, exact: string, on: TestArticle = article) =>
      (await expectJson(await api.create(token, on.id, { revisionId: on.revisionId, kind, quote: { exact } }), 201)).id;
    return {
      article,
      make,
      claim: await make("claim", "Putin had agreed to security guarantees for Ukraine"),
      attribution: await make("attribution", "US special envoy Steve Witkoff"),
      hedge: await make("hedge", "as yet"),
    };
  }

  const linksOf = async (articleId: string, id: string) => {
    const detail = await fetchArticle(token, articleId);
    const found = detail.annotations.find((a) => a.id === id);
    expect(found, `annotation ${id} is listed`).toBeDefined();
    return found!.links;
  };

  it("an attribution attributes a claim: 201, the link is listed in the article and audited", async () => {
    const s = await scene();
    const res = await api.link(token, s.attribution, { type: "attributes", targetId: s.claim });
    const body = await expectJson(res, 201);
    expect(body).toMatchObject({ id: s.attribution, kind: "attribution", links: [{ type: "attributes", targetId: s.claim }] });
    expect(await linksOf(s.article.id, s.attribution)).toEqual([{ type: "attributes", targetId: s.claim }]);
    // Links are listed on the annotation they start from.
    expect(await linksOf(s.article.id, s.claim)).toEqual([]);
    expect(await db.prisma.annotationLink.findMany({ where: { fromId: s.attribution } })).toMatchObject([
      { toId: s.claim, type: "attributes", createdById: editor.id },
    ]);
    const events = await auditEvents(db.prisma, s.attribution, "annotation.link");
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(editor.id);
    expect(events[0]!.after).toEqual({ type: "attributes", targetId: s.claim });
  });

  it("a hedge qualifies a claim", async () => {
    const s = await scene();
    const body = await expectJson(await api.link(token, s.hedge, { type: "qualifies", targetId: s.claim }), 201);
    expect(body.links).toEqual([{ type: "qualifies", targetId: s.claim }]);
    expect(await linksOf(s.article.id, s.hedge)).toEqual([{ type: "qualifies", targetId: s.claim }]);
  });

  it("one attribution can attribute several claims", async () => {
    const s = await scene();
    const second = await s.make("claim", "talks would continue next week");
    await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: s.claim }), 201);
    await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: second }), 201);
    const links = await linksOf(s.article.id, s.attribution);
    expect(links.map((l) => l.targetId).sort()).toEqual([s.claim, second].sort());
    expect(links.every((l) => l.type === "attributes")).toBe(true);
  });

  describe("refuses links that break the rules with 400, writing nothing", () => {
    type Scene = Awaited<ReturnType<typeof scene>>;
    let s: Scene;
    beforeAll(async () => {
      s = await scene();
    });

    it.each<[string, (s: Scene) => [string, { type: string; targetId: string }]]>([
      ["a claim that qualifies a claim", (s) => [s.claim, { type: "qualifies", targetId: s.claim }]],
      ["a claim that attributes a claim", (s) => [s.claim, { type: "attributes", targetId: s.claim }]],
      ["an attribution that qualifies a claim", (s) => [s.attribution, { type: "qualifies", targetId: s.claim }]],
      ["a hedge that attributes a claim", (s) => [s.hedge, { type: "attributes", targetId: s.claim }]],
      ["an attribution that attributes a hedge", (s) => [s.attribution, { type: "attributes", targetId: s.hedge }]],
      ["an attribution that attributes itself", (s) => [s.attribution, { type: "attributes", targetId: s.attribution }]],
      ["a hedge that qualifies an attribution", (s) => [s.hedge, { type: "qualifies", targetId: s.attribution }]],
      ["a hedge that qualifies a hedge", (s) => [s.hedge, { type: "qualifies", targetId: s.hedge }]],
      ["an unknown link type", (s) => [s.attribution, { type: "supports", targetId: s.claim }]],
      ["a targetId that is not a UUID", (s) => [s.attribution, { type: "attributes", targetId: "claim-1" }]],
    ])("%s", async (_, build) => {
      const before = await snapshotCounts(db.prisma);
      const [from, body] = build(s);
      await expectError(await api.link(token, from, body), 400, "validation_failed");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
      expect(await linksOf(s.article.id, from)).toEqual([]);
    });

    it("a link between annotations of different articles", async () => {
      const other = await makeArticle(db.prisma, editor, SAMPLE, "Another article");
      const foreignClaim = await s.make("claim", "Putin had agreed to security guarantees for Ukraine", other);
      const before = await snapshotCounts(db.prisma);
      await expectError(await api.link(token, s.attribution, { type: "attributes", targetId: foreignClaim }), 400, "validation_failed");
      await expectError(await api.link(token, s.hedge, { type: "qualifies", targetId: foreignClaim }), 400, "validation_failed");
      expect(await snapshotCounts(db.prisma)).toEqual(before);
    });
  });

  it("an unknown target, an unknown source or a deleted source → 404", async () => {
    const s = await scene();
    const before = await snapshotCounts(db.prisma);
    await expectError(await api.link(token, s.attribution, { type: "attributes", targetId: randomUUID() }), 404, "not_found");
    await expectError(await api.link(token, randomUUID(), { type: "attributes", targetId: s.claim }), 404, "not_found");
    await expectError(await api.link(token, "not-a-uuid", { type: "attributes", targetId: s.claim }), 404, "not_found");
    expect(await snapshotCounts(db.prisma)).toEqual(before);
    expect((await api.remove(token, s.attribution, "version=1")).status).toBe(204);
    await expectError(await api.link(token, s.attribution, { type: "attributes", targetId: s.claim }), 404, "not_found");
    expect(await db.prisma.annotationLink.count({ where: { fromId: s.attribution } })).toBe(0);
  });

  it("repeating the same link succeeds and still leaves one link row and one audit event", async () => {
    const s = await scene();
    const first = await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: s.claim }), 201);
    const again = await api.link(token, s.attribution, { type: "attributes", targetId: s.claim });
    expect(again.status).toBeGreaterThanOrEqual(200);
    expect(again.status).toBeLessThan(300);
    expect(((await again.json()) as typeof first).links).toEqual(first.links);
    expect(await db.prisma.annotationLink.count({ where: { fromId: s.attribution } })).toBe(1);
    expect(await auditEvents(db.prisma, s.attribution, "annotation.link")).toHaveLength(1);
    expect(await linksOf(s.article.id, s.attribution)).toEqual([{ type: "attributes", targetId: s.claim }]);
  });

  it("the same link requested twice at once: both succeed, one row", async () => {
    const s = await scene();
    const responses = await Promise.all([
      api.link(token, s.hedge, { type: "qualifies", targetId: s.claim }),
      api.link(token, s.hedge, { type: "qualifies", targetId: s.claim }),
    ]);
    const texts = await Promise.all(responses.map((r) => r.text()));
    for (const [i, res] of responses.entries()) expect(res.status, texts[i]).toBe(201);
    expect(await db.prisma.annotationLink.count({ where: { fromId: s.hedge } })).toBe(1);
    expect(await linksOf(s.article.id, s.hedge)).toEqual([{ type: "qualifies", targetId: s.claim }]);
  });

  it("a link to a deleted claim is hidden from links, and shows again when the claim is restored", async () => {
    const s = await scene();
    const claimId = randomUUID();
    const claimInput = { id: claimId, revisionId: s.article.revisionId, kind: "claim", quote: { exact: "talks would continue next week" } };
    await expectJson(await api.create(token, s.article.id, claimInput), 201);
    await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: claimId }), 201);
    await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: s.claim }), 201);
    expect((await linksOf(s.article.id, s.attribution)).map((l) => l.targetId).sort()).toEqual([claimId, s.claim].sort());

    expect((await api.remove(token, claimId, "version=1")).status).toBe(204);
    expect(await linksOf(s.article.id, s.attribution)).toEqual([{ type: "attributes", targetId: s.claim }]);
    // The link itself is kept, so undoing the delete brings it back.
    expect(await db.prisma.annotationLink.count({ where: { fromId: s.attribution } })).toBe(2);
    // And a new link to the deleted claim is refused.
    await expectError(await api.link(token, s.hedge, { type: "qualifies", targetId: claimId }), 404, "not_found");

    await expectJson(await api.create(token, s.article.id, claimInput), 201);
    expect((await linksOf(s.article.id, s.attribution)).map((l) => l.targetId).sort()).toEqual([claimId, s.claim].sort());
  });

  it.each<[string, "attribution" | "claim", string]>([
    ["the attribution becomes a claim", "attribution", "claim"],
    ["the attribution becomes a hedge", "attribution", "hedge"],
    ["the linked claim becomes a hedge", "claim", "hedge"],
    ["the linked claim becomes an attribution", "claim", "attribution"],
  ])("after a kind change (%s) no listed link breaks the link rules", async (_, changed, kind) => {
    const s = await scene();
    await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: s.claim }), 201);
    await expectJson(await api.link(token, s.hedge, { type: "qualifies", targetId: s.claim }), 201);
    const id = changed === "attribution" ? s.attribution : s.claim;
    const res = await api.patch(token, id, { version: 1, kind });
    // Refusing the change or dropping the links that no longer fit are both acceptable; listing them is not.
    expect([200, 400, 409]).toContain(res.status);
    const detail = await fetchArticle(token, s.article.id);
    const kinds = new Map(detail.annotations.map((a) => [a.id, a.kind]));
    const RULES = { attributes: "attribution", qualifies: "hedge" } as const;
    for (const annotation of detail.annotations) {
      for (const link of annotation.links) {
        const described = `${annotation.kind} -${link.type}-> ${kinds.get(link.targetId)}`;
        expect(annotation.kind, described).toBe(RULES[link.type]);
        expect(kinds.get(link.targetId), described).toBe("claim");
      }
    }
  });

  it("the response of an edit lists only live link targets as well", async () => {
    const s = await scene();
    await expectJson(await api.link(token, s.hedge, { type: "qualifies", targetId: s.claim }), 201);
    expect((await api.remove(token, s.claim, "version=1")).status).toBe(204);
    const edited = await expectJson(await api.patch(token, s.hedge, { version: 1, note: "After the claim went" }), 200);
    expect(edited.links).toEqual([]);
  });
});

describeEachDatabase("DELETE /api/annotations/:id/links/:targetId", (db) => {
  let editor: TestUser;
  let token: string;
  let otherToken: string;
  let reviewerToken: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    token = await createTestToken(db.prisma, editor.email);
    const other = await createTestUser(db.prisma, { role: "editor" });
    otherToken = await createTestToken(db.prisma, other.email);
    const reviewer = await createTestUser(db.prisma, { role: "reviewer" });
    reviewerToken = await createTestToken(db.prisma, reviewer.email);
  });

  /** An article whose attribution attributes a claim and whose hedge qualifies it, all by the editor. */
  async function linkedScene() {
    const article = await makeArticle(db.prisma, editor, SAMPLE);
    const make = async (kind: string, exact: string) =>
      (await expectJson(await api.create(token, article.id, { revisionId: article.revisionId, kind, quote: { exact } }), 201)).id;
    const claim = await make("claim", "Putin had agreed to security guarantees for Ukraine");
    const second = await make("claim", "talks would continue next week");
    const attribution = await make("attribution", "US special envoy Steve Witkoff");
    const hedge = await make("hedge", "as yet");
    await expectJson(await api.link(token, attribution, { type: "attributes", targetId: claim }), 201);
    await expectJson(await api.link(token, attribution, { type: "attributes", targetId: second }), 201);
    await expectJson(await api.link(token, hedge, { type: "qualifies", targetId: claim }), 201);
    return { article, claim, second, attribution, hedge };
  }

  const linksOf = async (articleId: string, id: string) => (await fetchArticle(token, articleId)).annotations.find((a) => a.id === id)!.links;
  const linkRows = (fromId: string) => db.prisma.annotationLink.findMany({ where: { fromId }, select: { toId: true, type: true } });

  it("removes one link: 204, gone from the article, the other links kept, audited like the link with before and after swapped", async () => {
    const s = await linkedScene();
    const res = await api.unlink(token, s.attribution, s.claim);
    expect(res.status, await res.clone().text()).toBe(204);
    expect(await res.text()).toBe("");
    expect(await linksOf(s.article.id, s.attribution)).toEqual([{ type: "attributes", targetId: s.second }]);
    expect(await linkRows(s.attribution)).toEqual([{ toId: s.second, type: "attributes" }]);
    expect(await linksOf(s.article.id, s.hedge)).toEqual([{ type: "qualifies", targetId: s.claim }]);

    const [linked] = await auditEvents(db.prisma, s.attribution, "annotation.link");
    const unlinked = await auditEvents(db.prisma, s.attribution, "annotation.unlink");
    expect(unlinked).toHaveLength(1);
    expect(unlinked[0]).toMatchObject({ actorId: editor.id, before: { type: "attributes", targetId: s.claim }, after: null });
    expect(unlinked[0]!.before).toEqual(linked!.after);
    // The history the editor shows lists it too.
    const history = await db.prisma.auditEvent.findMany({ where: { entityId: s.attribution }, orderBy: { seq: "asc" } });
    expect(history.map((e) => e.action)).toEqual(["annotation.create", "annotation.link", "annotation.link", "annotation.unlink"]);

    // Linking again (as undo does) brings it back.
    await expectJson(await api.link(token, s.attribution, { type: "attributes", targetId: s.claim }), 201);
    expect((await linksOf(s.article.id, s.attribution)).map((l) => l.targetId).sort()).toEqual([s.claim, s.second].sort());
  });

  it("a hedge's link: the type follows from its kind, or is named with ?type= and must agree", async () => {
    const s = await linkedScene();
    const before = await snapshotCounts(db.prisma);
    await expectError(await api.unlink(token, s.hedge, s.claim, "type=attributes"), 400, "validation_failed");
    await expectError(await api.unlink(token, s.attribution, s.claim, "type=qualifies"), 400, "validation_failed");
    await expectError(await api.unlink(token, s.hedge, s.claim, "type=supports"), 400, "validation_failed");
    await expectError(await api.unlink(token, s.hedge, s.claim, "type=qualifies&force=1"), 400, "validation_failed");
    expect(await snapshotCounts(db.prisma)).toEqual(before);
    expect((await api.unlink(token, s.hedge, s.claim, "type=qualifies")).status).toBe(204);
    expect(await linksOf(s.article.id, s.hedge)).toEqual([]);
    expect((await api.unlink(token, s.attribution, s.second)).status).toBe(204);
    expect(await linksOf(s.article.id, s.attribution)).toEqual([{ type: "attributes", targetId: s.claim }]);
  });

  it("a link that does not exist → 404 with a message that says so, and nothing written", async () => {
    const s = await linkedScene();
    const unlinkedClaim = (await expectJson(
      await api.create(token, s.article.id, { revisionId: s.article.revisionId, kind: "claim", quote: { exact: "Officials in Kyiv" } }),
      201,
    )).id;
    const before = await snapshotCounts(db.prisma);
    const never = await expectError(await api.unlink(token, s.attribution, unlinkedClaim), 404, "not_found");
    expect(never.error.message).toMatch(/no "attributes" link/);
    await expectError(await api.unlink(token, s.attribution, randomUUID()), 404, "not_found");
    await expectError(await api.unlink(token, s.attribution, "not-a-uuid"), 404, "not_found");
    await expectError(await api.unlink(token, s.attribution, s.attribution), 404, "not_found");
    await expectError(await api.unlink(token, randomUUID(), s.claim), 404, "not_found");
    const fromClaim = await expectError(await api.unlink(token, s.claim, s.second), 404, "not_found");
    expect(fromClaim.error.message).toMatch(/claim has no links/);
    expect(await snapshotCounts(db.prisma)).toEqual(before);

    // Once removed, the same link is gone: removing it again is a 404 and records nothing more.
    expect((await api.unlink(token, s.attribution, s.claim)).status).toBe(204);
    const after = await snapshotCounts(db.prisma);
    const again = await expectError(await api.unlink(token, s.attribution, s.claim), 404, "not_found");
    expect(again.error.message).toMatch(/no "attributes" link/);
    expect(await snapshotCounts(db.prisma)).toEqual(after);
  });

  it("a link to a deleted claim is not listed and cannot be removed (404); it stays stored for undoing the delete", async () => {
    const s = await linkedScene();
    expect((await api.remove(token, s.second, "version=1")).status).toBe(204);
    const before = await snapshotCounts(db.prisma);
    await expectError(await api.unlink(token, s.attribution, s.second), 404, "not_found");
    expect(await snapshotCounts(db.prisma)).toEqual(before);
    expect(await linkRows(s.attribution)).toHaveLength(2);
    // A deleted source is not found either.
    expect((await api.remove(token, s.hedge, "version=1")).status).toBe(204);
    await expectError(await api.unlink(token, s.hedge, s.claim), 404, "not_found");
  });

  it("the rule of creating a link: another editor 403, the author after review 403, a reviewer any; refusals write nothing", async () => {
    const s = await linkedScene();
    const before = await snapshotCounts(db.prisma);
    const other = await expectError(await api.unlink(otherToken, s.attribution, s.claim), 403, "forbidden");
    expect(other.error.message).toMatch(/only link annotations they created/);
    await db.prisma.annotation.update({ where: { id: s.hedge }, data: { status: "approved" } });
    await expectError(await api.unlink(token, s.hedge, s.claim), 403, "forbidden");
    expect(await snapshotCounts(db.prisma)).toEqual(before);
    expect(await linkRows(s.hedge)).toHaveLength(1);

    expect((await api.unlink(reviewerToken, s.hedge, s.claim)).status).toBe(204);
    expect((await api.unlink(reviewerToken, s.attribution, s.claim)).status).toBe(204);
    expect(await linkRows(s.hedge)).toEqual([]);
    const events = await auditEvents(db.prisma, s.hedge, "annotation.unlink");
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).not.toBe(editor.id);
  });

  it("the same removal requested twice at once: one 204, one 404, one audit event", async () => {
    const s = await linkedScene();
    const responses = await Promise.all([api.unlink(token, s.attribution, s.claim), api.unlink(token, s.attribution, s.claim)]);
    expect(responses.map((r) => r.status).sort()).toEqual([204, 404]);
    expect(await auditEvents(db.prisma, s.attribution, "annotation.unlink")).toHaveLength(1);
    expect(await linkRows(s.attribution)).toEqual([{ toId: s.second, type: "attributes" }]);
  });
});
