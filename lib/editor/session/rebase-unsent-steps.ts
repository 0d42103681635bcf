import { Node } from "prosemirror-model";
import { collab, receiveTransaction, sendableSteps } from "prosemirror-collab";
import { EditorState } from "prosemirror-state";
import { Step } from "prosemirror-transform";
import { schema } from "@/lib/editor/schema";
import type { UnsentSteps } from "./unsent-steps";

/**
 * Rebases steps kept from before a reload onto the text the server has now: `over` are the steps
 * accepted since the version they were made on. prosemirror-collab does the rebasing, exactly as
 * for a 409 while the page is open: `clientId` is the id of the page that made the steps, so those
 * of them the server accepted (a page that closed before it saw the answer) are recognized at the
 * head of `over` and confirmed rather than typed twice. Returns the steps still to send, applying
 * to the text after `over`, or null when the kept steps cannot be read or applied.
 */
export function rebaseUnsentSteps(unsent: UnsentSteps, over: { steps: unknown[]; clientIds: readonly (string | number)[] }, clientId: string): Step[] | null {
  try {
    let state = EditorState.create({ doc: Node.fromJSON(schema, unsent.doc), plugins: [collab({ version: unsent.version, clientID: clientId })] });
    const tr = state.tr;
    for (const json of unsent.steps) {
      if (tr.maybeStep(Step.fromJSON(schema, json)).failed) return null;
    }
    state = state.apply(tr);
    const theirs = over.steps.map((json) => Step.fromJSON(schema, json));
    state = state.apply(receiveTransaction(state, theirs, over.clientIds));
    return [...(sendableSteps(state)?.steps ?? [])];
  } catch {
    return null;
  }
}
