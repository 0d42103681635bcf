import { NextRequest } from "next/server";
import { POST as revisionRouteHandler } from "@/app/api/articles/[id]/revisions/route";
import { parsePlainText } from "@/lib/import/plain-text";
import type { CreateRevisionResult } from "@/lib/server/revisions/create-revision";
import { expectJson } from "../annotations/annotation-api";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const revisionRoute = documented("POST", "/api/articles/[id]/revisions", revisionRouteHandler);

/** Text corrections through the public API, shared by the orphaned-review and re-attach tests. */

export const WITKOFF = "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.";
export const CLAIM = "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.";
export const THIRD = "Markets in Europe rose slightly on the news, while analysts urged caution about the timeline.";

/** The quote of the claim that the correction below deletes with its paragraph. */
export const CLAIM_QUOTE = "the guarantees were, as yet, unconfirmed";

/** The corrected first paragraph: the envoy's name fixed. */
export const STEVEN = WITKOFF.replace("Steve Witkoff", "Steven Witkoff");

export type SavedRevision = Omit<CreateRevisionResult, "created">;

/** The document the editor would send for these paragraphs. */
export const docOf = (paragraphs: string[]) => parsePlainText(paragraphs.join("\n\n")).toJSON() as Record<string, unknown>;

/** POST /api/articles/:id/revisions, called as Next.js would call it. */
export function postRevision(token: string, articleId: string, body: unknown): Promise<Response> {
  const req = new NextRequest(`http://localhost/api/articles/${articleId}/revisions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return revisionRoute(req, { params: Promise.resolve({ id: articleId }) });
}

/** Saves the paragraphs as the article's next revision on top of `baseRevisionId`; it must be created. */
export async function correct(token: string, articleId: string, baseRevisionId: string, paragraphs: string[]): Promise<SavedRevision> {
  return expectJson<SavedRevision>(await postRevision(token, articleId, { baseRevisionId, doc: docOf(paragraphs) }), 201);
}
