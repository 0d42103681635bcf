import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { apiCall, listAnnotations, type Outcome } from "./api-client";
import { type AppServer, startPreparedServer, type TestServerDatabase } from "./app-server";
import { span, type PreparedDatabase } from "./prepared-database";

/**
 * Many editors on one article through the API: each tags spans, edits notes, deletes, repeats a
 * create as a retry would, and edits one annotation from two tabs at once at the same version (a
 * conflict: one must win, the other must get 409). Afterwards the article must hold exactly what
 * the editors were told was saved. `npm run test:load` runs it for 60 s; `npm test` briefly.
 */
const EDITORS = 50;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 12);
const port = Number(process.env.E2E_PORT ?? 3100) + 12;

test.describe.configure({ mode: "serial", timeout: (SECONDS + 6 * 60) * 1000 });

let db: TestServerDatabase;
let prepared: PreparedDatabase;
let server: AppServer;
let stop = async () => {};

test.beforeAll(async () => {
  ({ db, prepared, server, stop } = await startPreparedServer("load", EDITORS, port));
});

test.afterAll(() => stop());

interface Known {
  note: string;
  version: number;
  editor: number;
}

test(`${EDITORS} editors for ${SECONDS} s: no 5xx, nothing lost or duplicated, every conflict a 409`, async () => {
  const ledger = new Map<string, Known>();
  const deleted = new Set<string>();
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let served = 0;
  let conflicts = 0;
  const deadline = Date.now() + SECONDS * 1000;

  async function call(editor: number, method: string, path: string, body: unknown, expected: number[], what: string): Promise<Outcome> {
    const outcome = await apiCall(server.baseUrl, prepared.editors[editor]!.token, method, path, body);
    if ("failed" in outcome) {
      problems.push(`${what}: network failure ${outcome.failed}`);
      return outcome;
    }
    served += 1;
    statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    if (!expected.includes(outcome.status)) problems.push(`${what}: ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}`);
    return outcome;
  }

  async function editorLoop(e: number): Promise<void> {
    const mine: string[] = [];
    for (let n = 0; Date.now() < deadline; n++) {
      const step = n % 6;
      if (step === 0 || step === 3 || mine.length === 0) {
        const id = randomUUID();
        const note = `e${e} n${n}`;
        const body = { id, revisionId: prepared.revisionId, kind: (["claim", "hedge", "attribution"] as const)[n % 3], ...span(e + n, n * 13, 10), note };
        const created = await call(e, "POST", `/api/articles/${prepared.articleId}/annotations`, body, [201], "create");
        if ("status" in created && created.status === 201) {
          ledger.set(id, { note, version: 1, editor: e });
          mine.push(id);
          // The same create again, as a client retrying after a lost answer: 200, the same annotation.
          if (n % 4 === 0) await call(e, "POST", `/api/articles/${prepared.articleId}/annotations`, body, [200], "repeated create");
        }
      } else if (step === 1 || step === 4) {
        // Two tabs edit the same annotation from the same version at once: exactly one may win.
        const id = mine[n % mine.length]!;
        const known = ledger.get(id)!;
        const notes = [`e${e} n${n} tab A`, `e${e} n${n} tab B`];
        const tabs = await Promise.all(
          notes.map((note) => call(e, "PATCH", `/api/annotations/${id}`, { version: known.version, note }, [200, 409], "concurrent edit")),
        );
        const answered = tabs.map((o) => ("status" in o ? o.status : 0));
        conflicts += 1;
        if (answered.filter((s) => s === 200).length !== 1 || answered.filter((s) => s === 409).length !== 1) {
          problems.push(`concurrent edits of ${id} answered ${answered.join(" and ")}, not one 200 and one 409`);
        }
        const winner = tabs.find((o) => "status" in o && o.status === 200) as { body: { note: string; version: number } } | undefined;
        if (winner) ledger.set(id, { ...known, note: winner.body.note, version: winner.body.version });
      } else if (step === 2) {
        // A stale write (a version the server has moved past) must be a 409, never applied.
        const id = mine[n % mine.length]!;
        const known = ledger.get(id)!;
        if (known.version > 1) {
          await call(e, "PATCH", `/api/annotations/${id}`, { version: known.version - 1, note: "stale" }, [409], "stale edit");
          conflicts += 1;
        }
      } else if (step === 5 && mine.length > 1) {
        const id = mine.shift()!;
        const known = ledger.get(id)!;
        const removed = await call(e, "DELETE", `/api/annotations/${id}?version=${known.version}`, undefined, [204], "delete");
        if ("status" in removed && removed.status === 204) {
          ledger.delete(id);
          deleted.add(id);
        }
      }
    }
  }

  await Promise.all(Array.from({ length: EDITORS }, (_, e) => editorLoop(e)));

  const stored = await listAnnotations(server.baseUrl, prepared.editors[0]!.token, prepared.articleId);
  const storedIds = stored.map((a) => a.id);
  expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
  expect([...statuses.keys()].filter((s) => s >= 500), "5xx answers").toEqual([]);
  expect(new Set(storedIds).size, "duplicated annotations").toBe(storedIds.length);
  expect(storedIds.filter((id) => deleted.has(id)), "deleted annotations came back").toEqual([]);
  expect([...storedIds].sort(), "stored annotations are exactly those acknowledged and not deleted").toEqual([...ledger.keys()].sort());
  for (const a of stored) {
    const known = ledger.get(a.id)!;
    expect({ note: a.note, version: a.version, createdBy: a.createdBy.id }).toEqual({
      note: known.note,
      version: known.version,
      createdBy: prepared.editors[known.editor]!.id,
    });
  }
  for (const editor of prepared.editors) expect(server.output).not.toContain(editor.token);
  console.log(
    `load (${db.kind}): ${EDITORS} editors, ${SECONDS} s, ${served} requests served, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
      `${conflicts} conflicts all answered 409, ${stored.length} annotations stored as acknowledged, ${deleted.size} deleted`,
  );
  expect(served).toBeGreaterThan(EDITORS);
});
