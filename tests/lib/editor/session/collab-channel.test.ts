import { collab, getVersion, sendableSteps } from "prosemirror-collab";
import { EditorState, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { schema } from "@/lib/editor/schema";
import { CollabChannel } from "@/lib/editor/session/collab-channel";

const base = schema.node("doc", null, [schema.node("paragraph", null, [schema.text("The minister said unemployment fell.")])]);

/** One request the channel made, answered when the test says. */
interface PendingRequest {
  url: string;
  method: string;
  body: unknown;
  answer(status: number, json: unknown): Promise<void>;
}

/** A channel on a page at version 0, with a fetch whose every answer the test gives by hand. */
function channelWithHandFetch() {
  let state = EditorState.create({ doc: base, plugins: [collab({ version: 0, clientID: "page-b" })] });
  const requests: PendingRequest[] = [];
  const retries: Array<() => void> = [];
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  const fakeFetch = ((url: string, init?: RequestInit) =>
    new Promise<Response>((resolve) => {
      requests.push({
        url,
        method: init?.method ?? "GET",
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
        async answer(status, json) {
          resolve(new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } }));
          await settled();
          await settled();
        },
      });
    })) as typeof fetch;
  const channel = new CollabChannel({
    articleId: "article",
    userId: "user-b",
    clientId: "page-b",
    version: 0,
    doc: base,
    getState: () => state,
    dispatch: (tr: Transaction) => {
      state = state.apply(tr);
    },
    fetch: fakeFetch,
    schedule: (run) => retries.push(run),
  });
  const type = (text: string) => {
    state = state.apply(state.tr.insertText(text, 18));
    channel.changed();
  };
  return { channel, requests, retries, type, state: () => state };
}

/** Steps another page made on version `from`, as the server hands them out. */
function stepsFrom(text: string, at: number): unknown[] {
  const other = EditorState.create({ doc: base, plugins: [collab({ version: 0, clientID: "page-a" })] });
  return sendableSteps(other.apply(other.tr.insertText(text, at)))!.steps.map((s) => s.toJSON());
}

describe("CollabChannel catching up", () => {
  it("asks again when steps are announced while a catch-up is already on its way, so no announced step is left behind", async () => {
    const { channel, requests, state } = channelWithHandFetch();
    channel.catchUp();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("/api/articles/article/steps?since=0");
    // Someone's steps are committed after the server read the log for that request, and their
    // event arrives while it is still on its way back.
    channel.catchUp();
    expect(requests).toHaveLength(1); // One request at a time.
    await requests[0]!.answer(200, { version: 0, steps: [], clientIds: [] });
    // The first answer did not have them: a second request goes.
    expect(requests).toHaveLength(2);
    expect(requests[1]!.url).toBe("/api/articles/article/steps?since=0");
    await requests[1]!.answer(200, { version: 1, steps: stepsFrom(" during the outage", 18), clientIds: ["page-a"] });
    expect(getVersion(state())).toBe(1);
    expect(state().doc.textContent).toBe("The minister said during the outage unemployment fell.");
    expect(requests).toHaveLength(2);
  });

  it("keeps wanting the steps when the catch-up fails, and fetches them on the retry", async () => {
    const { channel, requests, state } = channelWithHandFetch();
    channel.catchUp();
    await requests[0]!.answer(503, { error: { code: "unavailable", message: "The database cannot be reached" } });
    channel.retryNow();
    expect(requests).toHaveLength(2);
    expect(requests[1]!.method).toBe("GET");
    await requests[1]!.answer(200, { version: 1, steps: stepsFrom("Today ", 1), clientIds: ["page-a"] });
    expect(state().doc.textContent).toBe("Today The minister said unemployment fell.");
  });
});

describe("CollabChannel while the server is away", () => {
  it("holds typing until the scheduled retry instead of sending on every key, then sends it all at once", async () => {
    const { requests, retries, type } = channelWithHandFetch();
    type(" d");
    expect(requests).toHaveLength(1);
    await requests[0]!.answer(503, { error: { code: "unavailable", message: "The database cannot be reached" } });
    expect(retries).toHaveLength(1);
    type("uring");
    type(" the outage");
    expect(requests).toHaveLength(1); // Nothing sent while the retry is due.
    retries[0]!();
    expect(requests).toHaveLength(2);
    const sent = requests[1]!.body as { version: number; steps: unknown[] };
    expect(sent.version).toBe(0);
    expect(sent.steps.length).toBeGreaterThanOrEqual(3);
  });
});
