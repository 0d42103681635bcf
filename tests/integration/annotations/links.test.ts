import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/db/database";
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
