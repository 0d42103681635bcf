import "server-only";
import type { Node } from "prosemirror-model";
import { ReplaceStep } from "prosemirror-transform";
import { Slice } from "prosemirror-model";
import type { Tx } from "../db";

/** The collab client id of text replaced through the API (a script, an import): not any editor page's. */
export const API_CLIENT_ID = "api";

/**
 * Records a text replaced as a whole (a revision sent through the API) in the step log as one step
 * that replaces the whole document, so open editors follow it like any other step.
 */
export async function logReplacement(tx: Tx, articleId: string, userId: string, oldDoc: Node, newDoc: Node, version: number): Promise<void> {
  const step = new ReplaceStep(0, oldDoc.content.size, new Slice(newDoc.content, 0, 0));
  await tx.articleStep.create({ data: { articleId, version, step: step.toJSON(), clientId: API_CLIENT_ID, userId } });
}
