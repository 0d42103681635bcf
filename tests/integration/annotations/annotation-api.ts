import { NextRequest } from "next/server";
import { expect } from "vitest";
import { DELETE as unlinkHandler } from "@/app/api/annotations/[id]/links/[targetId]/route";
import { POST as linkHandler } from "@/app/api/annotations/[id]/links/route";
import { DELETE as deleteHandler, PATCH as patchHandler } from "@/app/api/annotations/[id]/route";
import { POST as createHandler } from "@/app/api/articles/[id]/annotations/route";
import { GET as getArticleHandler } from "@/app/api/articles/[id]/route";
import type { PrismaClient } from "@/lib/db/prisma";
import type { Actor } from "@/lib/server/actor";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { createArticle } from "@/lib/server/articles/create-article";
import type { ArticleDetail } from "@/lib/server/articles/get-article";
import { documented } from "../../helpers/contract-response";

/** Shared helpers for the annotation API tests: route calls, fixtures and an independent text oracle. */

const BASE = "http://localhost";

// Each answer is checked against the OpenAPI document before a test reads it.
const unlinkRoute = documented("DELETE", "/api/annotations/[id]/links/[targetId]", unlinkHandler);
const linkRoute = documented("POST", "/api/annotations/[id]/links", linkHandler);
const deleteRoute = documented("DELETE", "/api/annotations/[id]", deleteHandler);
const patchRoute = documented("PATCH", "/api/annotations/[id]", patchHandler);
const createRoute = documented("POST", "/api/articles/[id]/annotations", createHandler);
const getArticleRoute = documented("GET", "/api/articles/[id]", getArticleHandler);

const routeParams = (id: string) => ({ params: Promise.resolve({ id }) });

function request(path: string, method: string, token: string | undefined, body?: unknown): NextRequest {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  let payload: string | undefined;
  if (body !== undefined) {
    headers.set("content-type", "application/json");
    payload = typeof body === "string" ? body : JSON.stringify(body);
  }
  return new NextRequest(`${BASE}${path}`, { method, headers, body: payload });
}

/** The annotation routes, called directly as Next.js would call them. A string body is sent as is. */
export const api = {
  create: (token: string, articleId: string, body: unknown) =>
    createRoute(request(`/api/articles/${articleId}/annotations`, "POST", token, body), routeParams(articleId)),
  patch: (token: string, id: string, body: unknown) => patchRoute(request(`/api/annotations/${id}`, "PATCH", token, body), routeParams(id)),
  remove: (token: string, id: string, query: string) =>
    deleteRoute(request(`/api/annotations/${id}?${query}`, "DELETE", token), routeParams(id)),
  link: (token: string, id: string, body: unknown) => linkRoute(request(`/api/annotations/${id}/links`, "POST", token, body), routeParams(id)),
  unlink: (token: string, id: string, targetId: string, query = "") =>
    unlinkRoute(request(`/api/annotations/${id}/links/${encodeURIComponent(targetId)}${query ? `?${query}` : ""}`, "DELETE", token), {
      params: Promise.resolve({ id, targetId }),
    }),
  article: (token: string, id: string) => getArticleRoute(request(`/api/articles/${id}`, "GET", token), routeParams(id)),
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Asserts the error envelope with its status and code, and returns the body. */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/** Asserts a success status and returns the JSON body. */
export async function expectJson<T = AnnotationJson>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The `path`s of validation details, whatever their exact shape. */
export function detailPaths(body: ErrorBody): string[] {
  const details = body.error.details;
  if (!Array.isArray(details)) return [];
  return details.map((d) => String((d as { path?: unknown }).path));
}

/** GET /api/articles/:id as the given token. */
export async function fetchArticle(token: string, id: string): Promise<ArticleDetail> {
  return expectJson<ArticleDetail>(await api.article(token, id), 200);
}

export interface TestArticle {
  id: string;
  revisionId: string;
  /** The revision's plain text, as stored. */
  text: string;
}

/**
 * Imports an article of plain-text paragraphs. Every paragraph must end in sentence punctuation so
 * that none becomes a heading; in such a document a ProseMirror position is the UTF-16 index + 1.
 */
export async function makeArticle(prisma: PrismaClient, actor: Actor, paragraphs: string[], title = "Annotated article"): Promise<TestArticle> {
  const created = await createArticle(prisma, actor, { title, format: "text", content: paragraphs.join("\n\n") });
  const revision = await prisma.revision.findUniqueOrThrow({ where: { id: created.revision.id } });
  expect(revision.text).toBe(paragraphs.join("\n\n"));
  return { id: created.id, revisionId: revision.id, text: revision.text };
}

/** Code points of a string, as the API counts them. */
export const cps = (text: string): string[] => [...text];

export interface Located {
  /** ProseMirror positions (paragraph-only documents: UTF-16 index + 1). */
  from: number;
  to: number;
  /** Code point offsets into the plain text. */
  start: number;
  end: number;
}

/** Where `needle` occurs in `text` (its `occurrence`-th occurrence, from 0), in both coordinates. */
export function locate(text: string, needle: string, occurrence = 0): Located {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" does not occur ${occurrence + 1} time(s) in the text`);
  }
  const start = cps(text.slice(0, at)).length;
  return { from: at + 1, to: at + needle.length + 1, start, end: start + cps(needle).length };
}

/** Asserts the quote invariant and the 32-code-point context of an annotation against the revision's text. */
export function expectQuoteInvariant(text: string, annotation: Pick<AnnotationJson, "start" | "end" | "quote" | "from" | "to">): void {
  const points = cps(text);
  const { start, end, quote } = annotation;
  expect(Number.isInteger(start) && Number.isInteger(end)).toBe(true);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeLessThanOrEqual(points.length);
  expect(start).toBeLessThan(end);
  expect(points.slice(start, end).join("")).toBe(quote.exact);
  expect(quote.exact.trim()).toBe(quote.exact);
  expect(quote.prefix).toBe(points.slice(Math.max(0, start - 32), start).join(""));
  expect(quote.suffix).toBe(points.slice(end, end + 32).join(""));
  // from/to point at the same text (paragraph-only documents: position = UTF-16 index + 1).
  const utf16 = (offset: number) => points.slice(0, offset).join("").length;
  expect(annotation.from).toBe(utf16(start) + 1);
  expect(annotation.to).toBe(utf16(end) + 1);
}

/** Audit events recorded for one annotation, oldest first. */
export function auditEvents(prisma: PrismaClient, entityId: string, action?: string) {
  return prisma.auditEvent.findMany({ where: { entityType: "annotation", entityId, ...(action ? { action } : {}) }, orderBy: { at: "asc" } });
}

/** Row and audit-event counts, to show that a refused request wrote nothing. */
export async function snapshotCounts(prisma: PrismaClient) {
  const [annotations, audit, links] = await Promise.all([
    prisma.annotation.count(),
    prisma.auditEvent.count({ where: { entityType: "annotation" } }),
    prisma.annotationLink.count(),
  ]);
  return { annotations, audit, links };
}
