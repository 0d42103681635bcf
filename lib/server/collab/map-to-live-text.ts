import "server-only";
import { Mapping, Step } from "prosemirror-transform";
import { schema } from "../../editor/schema";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";
import { readStepsSince } from "./steps-since";

/**
 * Maps a span chosen in version `since` of an article's live text to version `current`, through
 * the steps accepted in between, the way open editors map their highlights. A 409 when its words
 * were deleted meanwhile, or when those steps are no longer kept.
 */
export async function mapToLiveText(
  db: Db | Tx,
  articleId: string,
  span: { from: number; to: number },
  since: number,
  current: number,
): Promise<{ from: number; to: number }> {
  if (since > current) {
    throw new AppError("validation_failed", `textVersion ${since} is ahead of the text's version ${current}`, [{ path: "textVersion", message: "from the future" }]);
  }
  if (since === current) return span;
  const steps = await readStepsSince(db, articleId, since, current);
  if (!steps) throw new AppError("conflict", "The text has moved on too far since this selection: reload the article and select the text again", { reload: true, version: current });
  const mapping = new Mapping(steps.steps.map((json) => Step.fromJSON(schema, json).getMap()));
  const from = mapping.map(span.from, 1);
  const to = mapping.map(span.to, -1);
  if (from >= to) throw new AppError("conflict", "The selected words were deleted meanwhile (by someone else, or in a change of yours that reached the server first), so there is nothing left to tag", { version: current });
  return { from, to };
}
