import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/lib/server/database/app-database";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import type { RevisionComparison } from "@/lib/server/revisions/compare-revisions";
import type { RevisionList } from "@/lib/server/revisions/list-revisions";
import { createEditorAndReviewer, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { api, detailPaths, expectError, expectJson, locate, makeArticle, type TestArticle } from "../annotations/annotation-api";
import { expectFaithfulDiff, revisionApi, saveParagraphs, type SaveBody } from "./revision-history-api";

const WITKOFF = "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.";
const CLAIM = "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.";
const THIRD = "Markets in Europe rose slightly on the news, while analysts urged caution about the timeline.";
const STEVEN = WITKOFF.replace("Steve Witkoff", "Steven Witkoff");
const STEVEN_C = WITKOFF.replace("Steve Witkoff", "Steven C. Witkoff").replace("the Alaska meeting", "the Anchorage summit");
const CLAIM_QUOTE = "the guarantees were, as yet, unconfirmed";

/** Words as a reader counts them, for these plain English paragraphs. */
const wordsIn = (text: string) => text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

interface History {
  article: TestArticle;
  /** Revision ids by number. */
  revisions: Record<number, string>;
  texts: Record<number, string>;
  saves: Record<number, SaveBody>;
  ids: { meeting: string; witkoff: string; claim: string; caution: string };
}

const outcomesOf = (comparison: RevisionComparison) => Object.fromEntries(comparison.annotations.map((a) => [a.id, a.outcome]));
const changeOf = (comparison: RevisionComparison, id: string) => comparison.annotations.find((a) => a.id === id)!;

describeEachDatabase("revision history", (db) => {
  let editor: TestUser;
  let reviewer: TestUser;
  let token: string;
  let reviewerToken: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    ({ editor, reviewer, token, reviewerToken } = await createEditorAndReviewer(db.prisma));
  });

  async function tag(article: TestArticle, kind: "claim" | "hedge" | "attribution", words: string): Promise<string> {
    const span = locate(article.text, words);
    const { annotation } = await createAnnotation(db.prisma, editor, article.id, { revisionId: article.revisionId, kind, from: span.from, to: span.to });
    return annotation.id;
  }

  /**
   * Four revisions of one article: 2 corrects "Steve Witkoff" to "Steven Witkoff" and deletes a
   * paragraph; 3 puts the last paragraph first and corrects the name and the meeting place (both
   * mapped by the editor); 4 restores the deleted paragraph.
   */
  async function correctedArticle(): Promise<History> {
    const article = await makeArticle(db.prisma, editor, [WITKOFF, CLAIM, THIRD], "Corrected article");
    const ids = {
      meeting: await tag(article, "claim", "the Alaska meeting"),
      witkoff: await tag(article, "attribution", "Steve Witkoff"),
      claim: await tag(article, "claim", CLAIM_QUOTE),
      caution: await tag(article, "hedge", "urged caution"),
    };
    await db.prisma.annotation.update({ where: { id: ids.witkoff }, data: { status: "approved", reviewedById: reviewer.id, reviewedAt: new Date() } });

    const second = await saveParagraphs(token, article.id, article.revisionId, [STEVEN, THIRD]);
    const thirdParagraphs = [THIRD, STEVEN_C];
    const renamed = locate(thirdParagraphs.join("\n\n"), "Steven C. Witkoff");
    const place = locate(thirdParagraphs.join("\n\n"), "the Anchorage summit");
    const third = await saveParagraphs(token, article.id, second.revision.id, thirdParagraphs, [
      { id: ids.witkoff, from: renamed.from, to: renamed.to },
      { id: ids.meeting, from: place.from, to: place.to },
    ]);
    const fourth = await saveParagraphs(token, article.id, third.revision.id, [THIRD, STEVEN_C, CLAIM]);
    return {
      article,
      revisions: { 1: article.revisionId, 2: second.revision.id, 3: third.revision.id, 4: fourth.revision.id },
      texts: { 1: article.text, 2: second.revision.text, 3: third.revision.text, 4: fourth.revision.text },
      saves: { 2: second, 3: third, 4: fourth },
      ids,
    };
  }

  const compare = async (articleId: string, query: string, as = token) =>
    expectJson<RevisionComparison>(await revisionApi.compare(as, articleId, query), 200);

  describe("saving a revision", () => {
    it("records each annotation's outcome with the revision.create event", async () => {
      const history = await correctedArticle();
      for (const number of [2, 3, 4]) {
        const events = await db.prisma.auditEvent.findMany({ where: { action: "revision.create", entityId: history.revisions[number] } });
        expect(events).toHaveLength(1);
        expect((events[0]!.after as { outcomes: unknown }).outcomes).toEqual(history.saves[number]!.outcomes);
      }
      const { ids } = history;
      expect(history.saves[2]!.outcomes).toEqual({ [ids.meeting]: "kept", [ids.witkoff]: "changed", [ids.claim]: "orphaned", [ids.caution]: "moved" });
    });
  });

  describe("GET /api/articles/:id/revisions", () => {
    it("lists revisions newest first with author, size and outcome counts", async () => {
      const history = await correctedArticle();
      const body = await expectJson<RevisionList>(await revisionApi.list(reviewerToken, history.article.id), 200);
      expect(body.article).toEqual({ id: history.article.id, title: "Corrected article", currentRevisionId: history.revisions[4] });
      expect(body.revisions.map((r) => r.number)).toEqual([4, 3, 2, 1]);
      expect(body.revisions.map((r) => r.id)).toEqual([4, 3, 2, 1].map((n) => history.revisions[n]));
      for (const revision of body.revisions) {
        const text = history.texts[revision.number]!;
        expect(revision.length).toBe([...text].length);
        expect(revision.words).toBe(wordsIn(text));
        expect(revision.createdBy).toEqual({ id: editor.id, name: editor.name });
        expect(Number.isNaN(Date.parse(revision.createdAt))).toBe(false);
      }
      const counts = Object.fromEntries(body.revisions.map((r) => [r.number, r.outcomes]));
      expect(counts[1]).toBeNull();
      expect(counts[2]).toEqual({ kept: 1, moved: 1, changed: 1, orphaned: 1 });
      expect(counts[3]).toEqual({ kept: 0, moved: 1, changed: 2, orphaned: 1 });
      expect(counts[4]).toEqual({ kept: 3, moved: 1, changed: 0, orphaned: 0 });
    });

    it("lists the one revision of an uncorrected article", async () => {
      const article = await makeArticle(db.prisma, editor, [WITKOFF]);
      const body = await expectJson<RevisionList>(await revisionApi.list(token, article.id), 200);
      expect(body.revisions).toHaveLength(1);
      expect(body.revisions[0]).toMatchObject({ id: article.revisionId, number: 1, outcomes: null, words: wordsIn(WITKOFF) });
    });

    it("answers 404 for unknown, malformed and deleted articles, and 401 without a valid token", async () => {
      await expectError(await revisionApi.list(token, randomUUID()), 404, "not_found");
      await expectError(await revisionApi.list(token, "not-an-id"), 404, "not_found");
      const article = await makeArticle(db.prisma, editor, [WITKOFF]);
      await db.prisma.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
      await expectError(await revisionApi.list(token, article.id), 404, "not_found");
      await expectError(await revisionApi.list("nmk_madeup", article.id), 401, "unauthorized");
    });
  });

  describe("GET /api/articles/:id/revisions/compare", () => {
    it("diffs the words of a correction and says what became of each annotation", async () => {
      const { article, texts, ids } = await correctedArticle();
      const body = await compare(article.id, "from=1&to=2");
      expect(body.article).toEqual({ id: article.id, title: "Corrected article" });
      expect(body.from).toMatchObject({ number: 1, outcomes: null, length: [...texts[1]!].length });
      expect(body.to).toMatchObject({ number: 2, outcomes: { kept: 1, moved: 1, changed: 1, orphaned: 1 } });

      expectFaithfulDiff(body.diff, texts[1]!, texts[2]!);
      const name = body.diff.findIndex((s) => s.type === "delete" && s.text === "Steve");
      expect(body.diff.slice(name, name + 2)).toEqual([
        { type: "delete", text: "Steve" },
        { type: "insert", text: "Steven" },
      ]);
      expect(body.diff.filter((s) => s.type === "delete").map((s) => s.text)).toEqual(["Steve", `${CLAIM}\n\n`]);
      expect(body.diff.filter((s) => s.type === "insert").map((s) => s.text)).toEqual(["Steven"]);

      expect(body.annotations.map((a) => a.outcome)).toEqual(["orphaned", "changed", "moved", "kept"]);
      expect(body.counts).toEqual({ kept: 1, moved: 1, changed: 1, orphaned: 1 });
      expect(changeOf(body, ids.witkoff)).toEqual({
        id: ids.witkoff,
        kind: "attribution",
        status: "pending",
        deleted: false,
        outcome: "changed",
        // Its words now come from revision 3, later than the pair compared.
        quote: "Steven C. Witkoff",
        oldQuote: "Steve Witkoff",
        newQuote: "Steven Witkoff",
      });
      expect(changeOf(body, ids.claim)).toMatchObject({ kind: "claim", outcome: "orphaned", oldQuote: CLAIM_QUOTE, newQuote: null });
      expect(changeOf(body, ids.caution)).toMatchObject({ kind: "hedge", outcome: "moved", oldQuote: null, newQuote: "urged caution" });
      // Kept here; a later revision changed its words, which the pair does not show as theirs.
      expect(changeOf(body, ids.meeting)).toMatchObject({ kind: "claim", outcome: "kept", oldQuote: null, newQuote: "the Alaska meeting", quote: "the Anchorage summit" });
    });

    it("folds the outcomes of every revision between the two, worst first", async () => {
      const { article, ids, texts } = await correctedArticle();
      const oneToThree = await compare(article.id, "from=1&to=3");
      expect(outcomesOf(oneToThree)).toEqual({ [ids.meeting]: "changed", [ids.witkoff]: "changed", [ids.claim]: "orphaned", [ids.caution]: "moved" });
      expect(changeOf(oneToThree, ids.meeting)).toMatchObject({ oldQuote: "the Alaska meeting", newQuote: "the Anchorage summit" });
      expect(changeOf(oneToThree, ids.witkoff)).toMatchObject({ oldQuote: "Steve Witkoff", newQuote: "Steven C. Witkoff" });
      expectFaithfulDiff(oneToThree.diff, texts[1]!, texts[3]!);

      const twoToThree = await compare(article.id, "from=2&to=3");
      expect(changeOf(twoToThree, ids.witkoff)).toMatchObject({ outcome: "changed", oldQuote: "Steven Witkoff", newQuote: "Steven C. Witkoff" });
      // Already orphaned before revision 3 and still without a place in it.
      expect(changeOf(twoToThree, ids.claim)).toMatchObject({ outcome: "orphaned", oldQuote: CLAIM_QUOTE, newQuote: null });

      // Lost in revision 2, found again in 4: the range reports the loss, and where it is now.
      const oneToFour = await compare(article.id, "from=1&to=4");
      expect(changeOf(oneToFour, ids.claim)).toMatchObject({ outcome: "orphaned", status: "pending", oldQuote: CLAIM_QUOTE, newQuote: CLAIM_QUOTE });
      const threeToFour = await compare(article.id, "from=3&to=4");
      expect(outcomesOf(threeToFour)).toEqual({ [ids.meeting]: "kept", [ids.witkoff]: "kept", [ids.claim]: "moved", [ids.caution]: "kept" });
      expect(threeToFour.diff.filter((s) => s.type !== "equal")).toEqual([{ type: "insert", text: `\n\n${CLAIM}` }]);
    });

    it("takes revision ids as well as numbers, in either order", async () => {
      const { article, revisions, ids } = await correctedArticle();
      const byNumber = await compare(article.id, "from=1&to=3");
      const byId = await compare(article.id, `from=${revisions[3]}&to=${revisions[1]}`, reviewerToken);
      expect(byId.from.id).toBe(revisions[1]);
      expect(byId.to.id).toBe(revisions[3]);
      expect(byId.diff).toEqual(byNumber.diff);
      expect(byId.annotations).toEqual(byNumber.annotations);
      const mixed = await compare(article.id, `from=2&to=${revisions[3]}`);
      expect(changeOf(mixed, ids.witkoff).oldQuote).toBe("Steven Witkoff");
    });

    it("marks annotations deleted since", async () => {
      const { article, ids } = await correctedArticle();
      const current = await db.prisma.annotation.findUniqueOrThrow({ where: { id: ids.caution } });
      expect((await api.remove(token, ids.caution, `version=${current.version}`)).status).toBe(204);
      const body = await compare(article.id, "from=1&to=2");
      expect(changeOf(body, ids.caution)).toMatchObject({ deleted: true, outcome: "moved" });
      expect(changeOf(body, ids.meeting).deleted).toBe(false);
    });

    it("refuses bad queries with 400 validation_failed and a message", async () => {
      const { article, revisions } = await correctedArticle();
      const bad = async (query: string, path: string) => {
        const body = await expectError(await revisionApi.compare(token, article.id, query), 400, "validation_failed");
        expect(detailPaths(body)).toContain(path);
        return body;
      };
      await bad("from=1", "to");
      await bad("to=2", "from");
      expect((await bad("from=latest&to=2", "from")).error.message).toMatch(/revision id .* or a revision number/);
      await bad("from=0&to=2", "from");
      await bad("from=-1&to=2", "from");
      await bad("from=1.5&to=2", "from");
      await bad("from=1&to=9999999999", "to");
      await bad("from=1&to=2&extra=1", "(body)");
      expect((await bad("from=2&to=2", "to")).error.message).toMatch(/different revisions/);
      await bad(`from=${revisions[2]}&to=2`, "to");
    });

    it("answers 404 for unknown revisions and articles", async () => {
      const { article } = await correctedArticle();
      const other = await makeArticle(db.prisma, editor, [THIRD]);
      const missing = await expectError(await revisionApi.compare(token, article.id, "from=1&to=99"), 404, "not_found");
      expect(missing.error.message).toBe("Revision 99 not found");
      await expectError(await revisionApi.compare(token, article.id, `from=1&to=${other.revisionId}`), 404, "not_found");
      await expectError(await revisionApi.compare(token, article.id, `from=1&to=${randomUUID()}`), 404, "not_found");
      await expectError(await revisionApi.compare(token, other.id, "from=1&to=2"), 404, "not_found");
      await expectError(await revisionApi.compare(token, randomUUID(), "from=1&to=2"), 404, "not_found");
      await expectError(await revisionApi.compare(token, "not-an-id", "from=1&to=2"), 404, "not_found");
      await db.prisma.article.update({ where: { id: article.id }, data: { deletedAt: new Date() } });
      await expectError(await revisionApi.compare(token, article.id, "from=1&to=2"), 404, "not_found");
    });
  });
});
