import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiCall, listAnnotations, type Outcome } from "./api-client";
import { type AppServer, startPreparedServer, type TestServerDatabase, waitFor } from "./app-server";
import { span, type PreparedDatabase } from "./prepared-database";

/**
 * Crash mid-write: writers send bursts of annotation creates with client ids, retrying the same id
 * until they get an answer; the server is killed with SIGKILL while they write, then restarted,
 * and the writers retry what was left unanswered. Every write that got a 2xx must be stored
 * exactly once (one row, one create in its audit history), and nothing else may appear.
 */
const WRITERS = 8;
const KILL_AFTER_ACKS = 120;
const port = Number(process.env.E2E_PORT ?? 3100) + 11;

test.describe.configure({ mode: "serial", timeout: 8 * 60_000 });

let db: TestServerDatabase;
let prepared: PreparedDatabase;
let server: AppServer;
let stop = async () => {};

test.beforeAll(async () => {
  ({ db, prepared, server, stop } = await startPreparedServer("crash", WRITERS, port));
});

test.afterAll(() => stop());

interface Write {
  id: string;
  writer: number;
  note: string;
  body: Record<string, unknown>;
  acknowledged?: number;
}

test("every write acknowledged before a SIGKILL is stored exactly once after the restart", async () => {
  const writes = new Map<string, Write>();
  const unexpected: string[] = [];
  let acknowledged = 0;
  let stop = false;

  /** Sends one write until it gets an HTTP answer or the writers are told to stop; answers whether it was acknowledged. */
  async function send(write: Write): Promise<boolean> {
    const token = prepared.editors[write.writer]!.token;
    for (;;) {
      const outcome: Outcome = await apiCall(server.baseUrl, token, "POST", `/api/articles/${prepared.articleId}/annotations`, write.body);
      if ("failed" in outcome) {
        if (stop) return false;
        continue;
      }
      if (outcome.status === 201 || outcome.status === 200) {
        write.acknowledged = outcome.status;
        acknowledged += 1;
        return true;
      }
      // A write that reached a dying server may have been cut off mid-answer; a 5xx is never fine.
      unexpected.push(`${write.id}: ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}`);
      return false;
    }
  }

  async function writer(w: number): Promise<void> {
    for (let n = 0; !stop; n++) {
      // A burst: several writes in flight at once for this writer.
      const burst = Array.from({ length: 4 }, (_, k) => {
        const id = randomUUID();
        const note = `writer ${w} write ${n}.${k} ${id}`;
        const write: Write = {
          id,
          writer: w,
          note,
          body: { id, revisionId: prepared.revisionId, kind: "claim", ...span(w * 5 + k, n * 7, 12), note },
        };
        writes.set(id, write);
        return send(write);
      });
      await Promise.all(burst);
    }
  }

  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  await waitFor(`${KILL_AFTER_ACKS} acknowledged writes`, async () => acknowledged >= KILL_AFTER_ACKS, 180_000);
  await server.kill("SIGKILL");
  stop = true;
  await Promise.all(writers);
  const acknowledgedBeforeCrash = [...writes.values()].filter((w) => w.acknowledged).length;
  const unanswered = [...writes.values()].filter((w) => !w.acknowledged);

  await server.start();
  // The clients retry what they never heard back about, with the same ids.
  stop = false;
  for (const write of unanswered) expect(await send(write), write.id).toBe(true);
  expect(unexpected, "answers other than 2xx").toEqual([]);

  const token = prepared.editors[0]!.token;
  const stored = await listAnnotations(server.baseUrl, token, prepared.articleId);
  const storedIds = stored.map((a) => a.id);
  expect(new Set(storedIds).size, "duplicated annotations").toBe(storedIds.length);
  expect(storedIds.sort(), "stored annotations are exactly the writes").toEqual([...writes.keys()].sort());
  for (const a of stored) {
    const write = writes.get(a.id)!;
    expect(a.note).toBe(write.note);
    expect(a.createdBy.id).toBe(prepared.editors[write.writer]!.id);
    expect(a.version, `${a.id} was written more than once`).toBe(1);
  }
  // Exactly once in the audit history too: one create per annotation, never a second.
  for (const id of storedIds) {
    const history = await apiCall(server.baseUrl, token, "GET", `/api/annotations/${id}/history`);
    expect("status" in history && history.status).toBe(200);
    const actions = ((history as { body: { action: string }[] }).body ?? []).map((h) => h.action);
    expect(actions, id).toEqual(["annotation.create"]);
  }

  for (const editor of prepared.editors) expect(server.output).not.toContain(editor.token);
  console.log(
    `crash (${db.kind}): ${acknowledgedBeforeCrash} writes acknowledged before SIGKILL, ${unanswered.length} unanswered and retried after restart, ` +
      `${stored.length} stored, all ${acknowledgedBeforeCrash} acknowledged found exactly once`,
  );
  expect(acknowledgedBeforeCrash).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
});
