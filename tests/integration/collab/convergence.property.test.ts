import fc from "fast-check";
import { collab, getVersion, receiveTransaction, sendableSteps } from "prosemirror-collab";
import type { Node } from "prosemirror-model";
import { EditorState } from "prosemirror-state";
import { Step } from "prosemirror-transform";
import { beforeAll, expect, it } from "vitest";
import type { StepsSince } from "@/lib/contracts/collab";
import { mapAnnotation } from "@/lib/editor/annotations/annotation-range";
import type { EditorAnnotation } from "@/lib/editor/annotations/types";
import { schema } from "@/lib/editor/schema";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { acceptSteps } from "@/lib/server/collab/accept-steps";
import { getStepsSince } from "@/lib/server/collab/get-steps-since";
import { useDatabase } from "@/lib/server/database/app-database";
import { AppError } from "@/lib/server/errors";
import { createTestUser, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { locate, makeArticle } from "../annotations/annotation-api";
import { expectSpanAgrees, liveText, slice, stepLog } from "./collab-api";

/**
 * Several pages edit one article at once, each with prosemirror-collab, and their requests reach
 * the real server (acceptSteps and getStepsSince on a real database) in random interleavings. Each
 * page rebases on the steps a 409 hands back, exactly as the editor does. Whatever the order, every
 * page must end with the stored document, and every annotation must sit where mapping its first
 * range through the logged steps, one by one, puts it.
 */

const PARAGRAPHS = ["Ann said the vote was close.", "Bo said it was fair and final.", "Cy left early."];
const TAGGED = ["vote", "fair and final", "Cy", "early"];
const CLIENTS = 3;
const RUNS = 25;

type Action =
  | { kind: "insert"; client: number; where: number; text: string }
  | { kind: "delete"; client: number; where: number; length: number }
  | { kind: "send"; client: number }
  | { kind: "sync"; client: number }
  /** Every page sends what it has at the same moment. */
  | { kind: "sendAll" };

const client = fc.nat({ max: CLIENTS - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), client, where: fc.nat(), text: fc.constantFrom("a", "xy", " ", "é", "new ", "Z.") }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), client, where: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("send" as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sync" as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sendAll" as const) }) },
);

/** Where text can go in a document of paragraphs: each paragraph's first and last inner position. */
function paragraphs(doc: Node): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  doc.forEach((node, offset) => {
    if (node.type === schema.nodes.paragraph) found.push({ start: offset + 1, end: offset + 1 + node.content.size });
  });
  return found;
}

interface Page {
  clientId: string;
  user: TestUser;
  state: EditorState;
}

describeEachDatabase("live text: concurrent pages converge", (db) => {
  let users: TestUser[];

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind, notifications: db.notifications });
    users = [await createTestUser(db.prisma, { role: "editor" }), await createTestUser(db.prisma, { role: "reviewer" })];
  });

  /** The page's view of the authority's steps since its version, taken in (its own come back confirmed). */
  function receive(page: Page, since: StepsSince): void {
    const steps = since.steps.map((json) => Step.fromJSON(schema, json));
    page.state = page.state.apply(receiveTransaction(page.state, steps, since.clientIds));
  }

  async function sync(articleId: string, page: Page): Promise<void> {
    receive(page, await getStepsSince(db.prisma, page.user, articleId, { since: getVersion(page.state) }));
  }

  /** Sends the page's unconfirmed steps; on 409 it rebases on the steps since, as the editor does. */
  async function send(articleId: string, page: Page): Promise<void> {
    const sendable = sendableSteps(page.state);
    if (!sendable) return;
    try {
      await acceptSteps(db.prisma, page.user, articleId, {
        version: sendable.version,
        clientId: String(sendable.clientID),
        steps: sendable.steps.map((s) => s.toJSON()),
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "conflict") throw err;
      receive(page, err.details as StepsSince);
      return;
    }
    // Accepted: the page learns it by receiving its own steps back.
    await sync(articleId, page);
  }

  function localEdit(page: Page, a: Extract<Action, { kind: "insert" | "delete" }>): void {
    const blocks = paragraphs(page.state.doc);
    const spots = blocks.flatMap(({ start, end }) => Array.from({ length: end - start + 1 }, (_, i) => ({ pos: start + i, end })));
    const spot = spots[a.where % spots.length]!;
    if (a.kind === "insert") {
      page.state = page.state.apply(page.state.tr.insertText(a.text, spot.pos));
      return;
    }
    const to = Math.min(spot.end, spot.pos + a.length);
    if (to > spot.pos) page.state = page.state.apply(page.state.tr.delete(spot.pos, to));
  }

  it(`every page ends with the stored text, and annotations where their steps took them (${RUNS} runs)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 20 }), async (actions) => {
        run += 1;
        const article = await makeArticle(db.prisma, users[0]!, PARAGRAPHS, `Convergence ${run}`);
        const tagged: EditorAnnotation[] = [];
        for (const quote of TAGGED) {
          const span = locate(article.text, quote);
          const { annotation } = await createAnnotation(db.prisma, users[0]!, article.id, { revisionId: article.revisionId, kind: "claim", from: span.from, to: span.to });
          tagged.push({ id: annotation.id, from: annotation.from, to: annotation.to } as EditorAnnotation);
        }
        const start = await liveText(db.prisma, article.id);
        const pages: Page[] = Array.from({ length: CLIENTS }, (_, i) => ({
          clientId: `page-${i}`,
          user: users[i % users.length]!,
          state: EditorState.create({ doc: start.doc, plugins: [collab({ version: start.version, clientID: `page-${i}` })] }),
        }));

        for (const a of actions) {
          if (a.kind === "insert" || a.kind === "delete") localEdit(pages[a.client]!, a);
          else if (a.kind === "send") await send(article.id, pages[a.client]!);
          else if (a.kind === "sync") await sync(article.id, pages[a.client]!);
          else await Promise.all(pages.map((page) => send(article.id, page)));
        }
        // Everyone sends until nothing is left unconfirmed (each round confirms at least one page's steps).
        for (let round = 0; pages.some((p) => sendableSteps(p.state)); round++) {
          expect(round, "pages still have unsent steps after many rounds").toBeLessThan(CLIENTS * 4);
          for (const page of pages) await send(article.id, page);
        }
        for (const page of pages) await sync(article.id, page);

        const stored = await liveText(db.prisma, article.id);
        const log = await stepLog(db.prisma, article.id);
        expect(log.map((s) => s.version)).toEqual(Array.from({ length: stored.version }, (_, i) => i + 1));
        for (const page of pages) {
          expect(getVersion(page.state)).toBe(stored.version);
          expect(page.state.doc.toJSON()).toEqual(stored.doc.toJSON());
        }
        // Replaying the log on the first text gives the stored text.
        const replayed = log.reduce((doc, s) => Step.fromJSON(schema, s.step).apply(doc).doc!, start.doc);
        expect(replayed.eq(stored.doc)).toBe(true);

        // Each annotation, mapped step by step as an editor maps its highlights: orphaned once its range is empty.
        const maps = log.map((s) => Step.fromJSON(schema, s.step).getMap());
        for (const original of tagged) {
          let expected: EditorAnnotation | null = original;
          for (const map of maps) {
            if (!expected) break;
            expected = mapAnnotation(expected, map);
          }
          const row = await db.prisma.annotation.findUniqueOrThrow({ where: { id: original.id } });
          if (!expected) {
            expect(row.status, `${slice(start.text, row.start, row.end)} should be orphaned`).toBe("orphaned");
            continue;
          }
          expect(row.status).not.toBe("orphaned");
          expect({ from: row.from, to: row.to }).toEqual({ from: expected.from, to: expected.to });
          expect(row.revisionId).toBe(stored.revisionId);
          expectSpanAgrees(stored.text, row);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
