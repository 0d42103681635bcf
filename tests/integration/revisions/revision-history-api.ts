import { NextRequest } from "next/server";
import { expect } from "vitest";
import { GET as compareHandler } from "@/app/api/articles/[id]/revisions/compare/route";
import { GET as listHandler, POST as saveHandler } from "@/app/api/articles/[id]/revisions/route";
import { parsePlainText } from "@/lib/import/plain-text";
import type { CreateRevisionResult } from "@/lib/server/revisions/create-revision";
import type { DiffSegment } from "@/lib/server/revisions/word-diff";
import { expectJson } from "../annotations/annotation-api";
import { documented } from "../../helpers/contract-response";

/** Route callers and checks shared by the revision history tests. */

// Each answer is checked against the OpenAPI document before a test reads it.
const compareRoute = documented("GET", "/api/articles/[id]/revisions/compare", compareHandler);
const listRoute = documented("GET", "/api/articles/[id]/revisions", listHandler);
const saveRoute = documented("POST", "/api/articles/[id]/revisions", saveHandler);

export type SaveBody = Omit<CreateRevisionResult, "created">;

const BASE = "http://localhost";
const routeParams = (id: string) => ({ params: Promise.resolve({ id }) });

function request(path: string, token: string, init: { method?: string; body?: unknown } = {}): NextRequest {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The document the editor would send for these paragraphs (each ending in punctuation, so none is a heading). */
export const docOf = (paragraphs: string[]) => parsePlainText(paragraphs.join("\n\n")).toJSON() as Record<string, unknown>;

/** The revision routes, called directly as Next.js would call them. */
export const revisionApi = {
  save: (token: string, articleId: string, body: unknown) =>
    saveRoute(request(`/api/articles/${articleId}/revisions`, token, { method: "POST", body }), routeParams(articleId)),
  list: (token: string, articleId: string) => listRoute(request(`/api/articles/${articleId}/revisions`, token), routeParams(articleId)),
  compare: (token: string, articleId: string, query: string) =>
    compareRoute(request(`/api/articles/${articleId}/revisions/compare?${query}`, token), routeParams(articleId)),
};

/** Saves paragraphs as the next revision and returns the 201 body. */
export async function saveParagraphs(
  token: string,
  articleId: string,
  baseRevisionId: string,
  paragraphs: string[],
  annotations?: { id: string; from: number; to: number }[],
): Promise<SaveBody> {
  const res = await revisionApi.save(token, articleId, { baseRevisionId, doc: docOf(paragraphs), ...(annotations ? { annotations } : {}) });
  return expectJson<SaveBody>(res, 201);
}

/** A diff must rebuild both texts exactly, with no empty or repeated segments. */
export function expectFaithfulDiff(diff: DiffSegment[], oldText: string, newText: string): void {
  expect(diff.filter((s) => s.type !== "insert").map((s) => s.text).join("")).toBe(oldText);
  expect(diff.filter((s) => s.type !== "delete").map((s) => s.text).join("")).toBe(newText);
  for (const [i, segment] of diff.entries()) {
    expect(segment.text).not.toBe("");
    if (i > 0) expect(segment.type).not.toBe(diff[i - 1]!.type);
  }
}
