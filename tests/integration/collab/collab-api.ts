import { NextRequest } from "next/server";
import { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { expect } from "vitest";
import { GET as stepsGetHandler, POST as stepsPostHandler } from "@/app/api/articles/[id]/steps/route";
import { POST as revisionPostHandler } from "@/app/api/articles/[id]/revisions/route";
import type { PrismaClient } from "@/lib/db/prisma";
import type { SendStepsInput } from "@/lib/contracts/collab";
import { schema } from "@/lib/editor/schema";
import { documented } from "../../helpers/contract-response";

/** Shared helpers of the live collaboration tests: the step routes, the live text as stored, steps made with a Transform. */

// Each answer is checked against the OpenAPI document before a test reads it.
const sendRoute = documented("POST", "/api/articles/[id]/steps", stepsPostHandler);
const sinceRoute = documented("GET", "/api/articles/[id]/steps", stepsGetHandler);
const revisionRoute = documented("POST", "/api/articles/[id]/revisions", revisionPostHandler);

const routeParams = (id: string) => ({ params: Promise.resolve({ id }) });

function request(path: string, method: string, token: string, body?: unknown): NextRequest {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export type StepJson = SendStepsInput["steps"][number];

/** The step routes and Save (a checkpoint), called as Next.js would call them. */
export const collabApi = {
  send: (token: string, articleId: string, body: unknown) => sendRoute(request(`/api/articles/${articleId}/steps`, "POST", token, body), routeParams(articleId)),
  since: (token: string, articleId: string, since: number | string) =>
    sinceRoute(request(`/api/articles/${articleId}/steps?since=${since}`, "GET", token), routeParams(articleId)),
  checkpoint: (token: string, articleId: string) => revisionRoute(request(`/api/articles/${articleId}/revisions`, "POST", token, {}), routeParams(articleId)),
};

/** The article's live text as stored: its current revision. */
export interface StoredLiveText {
  revisionId: string;
  number: number;
  version: number;
  saved: boolean;
  doc: Node;
  text: string;
}

export async function liveText(prisma: PrismaClient, articleId: string): Promise<StoredLiveText> {
  const article = await prisma.article.findUniqueOrThrow({ where: { id: articleId }, include: { currentRevision: true } });
  const revision = article.currentRevision!;
  return {
    revisionId: revision.id,
    number: revision.number,
    version: revision.version,
    saved: revision.savedAt !== null,
    doc: Node.fromJSON(schema, revision.doc),
    text: revision.text,
  };
}

/** The steps of an edit made on `doc`, as JSON a page would send, and the document they make. */
export function edit(doc: Node, change: (tr: Transform) => void): { steps: StepJson[]; doc: Node } {
  const tr = new Transform(doc);
  change(tr);
  return { steps: tr.steps.map((s) => s.toJSON() as StepJson), doc: tr.doc };
}

/** Inserts `text` at a position (in a paragraph-only document: the UTF-16 index in the plain text + 1). */
export const insertAt = (pos: number, text: string) => (tr: Transform) => {
  tr.insert(pos, schema.text(text));
};

/** Deletes [from, to). */
export const deleteRange = (from: number, to: number) => (tr: Transform) => {
  tr.delete(from, to);
};

/** The article's step log, oldest first. */
export function stepLog(prisma: PrismaClient, articleId: string) {
  return prisma.articleStep.findMany({ where: { articleId }, orderBy: { version: "asc" } });
}

/** Code points [start, end) of a text, as the API counts offsets. */
export const slice = (text: string, start: number, end: number) => [...text].slice(start, end).join("");

/** An annotation row's span columns. */
export interface StoredSpanColumns {
  from: number;
  to: number;
  start: number;
  end: number;
  quoteExact: string;
  quotePrefix: string;
  quoteSuffix: string;
}

/**
 * The stored columns of a placed annotation agree with the text: the offsets select the quote, the
 * prefix and suffix are the 32 code points around it, and (paragraph-only documents) from/to are
 * the same places as ProseMirror positions. Unlike a new tag's, a mapped span is not trimmed: it is
 * where the editors' highlights are.
 */
export function expectSpanAgrees(text: string, row: StoredSpanColumns): void {
  const points = [...text];
  expect(row.start).toBeGreaterThanOrEqual(0);
  expect(row.start).toBeLessThan(row.end);
  expect(row.end).toBeLessThanOrEqual(points.length);
  expect(slice(text, row.start, row.end)).toBe(row.quoteExact);
  expect(row.quotePrefix).toBe(slice(text, Math.max(0, row.start - 32), row.start));
  expect(row.quoteSuffix).toBe(slice(text, row.end, row.end + 32));
  const utf16 = (offset: number) => points.slice(0, offset).join("").length;
  expect({ from: row.from, to: row.to }).toEqual({ from: utf16(row.start) + 1, to: utf16(row.end) + 1 });
}
