import type { AnnotationKind } from "@/lib/editor/annotations/types";
import type { SeededArticle, SeededUser } from "./seed";

/** Where one editor tags: a span of their article as ProseMirror positions, as the editor's selection gives them. */
export interface EditorSpan {
  kind: AnnotationKind;
  from: number;
  to: number;
}

/** One editor of the bench: a user with a token of their own, the article they work on and what they tag in it. */
export interface BenchEditor {
  user: SeededUser;
  article: SeededArticle;
  spans: EditorSpan[];
}

/** A request the app answered with another status than expected. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** How long a bench request may take before it counts as failed: far above any target, it only keeps a stuck run from hanging. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The annotation requests the editor sends (lib/editor/sync/sync-queue.ts): the same paths, bodies
 * and headers, the author header included, so the server does the work a tag in the browser costs.
 * Authenticated by each user's personal access token instead of a session cookie: the editor's
 * cookie costs a session lookup as the token costs a token lookup, and signing 50 users in would
 * hash 50 passwords for nothing the bench measures.
 */
export function editorRequests(base: string, editors: readonly BenchEditor[]) {
  const call = async (e: number, method: string, path: string, expected: number, body?: unknown) => {
    const { user } = editors[e]!;
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${user.token}`,
        "x-newsmark-author": user.actor.id,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status !== expected) throw new HttpError(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`, res.status);
    return text ? (JSON.parse(text) as { version: number }) : null;
  };
  return {
    /** A tag: POST /api/articles/:id/annotations with the client's id; answers the annotation's version. */
    async create(e: number, span: EditorSpan, id: string): Promise<number> {
      const { article } = editors[e]!;
      const body = { revisionId: article.revisionId, kind: span.kind, from: span.from, to: span.to, id };
      return (await call(e, "POST", `/api/articles/${article.id}/annotations`, 201, body))!.version;
    },
    /** A note typed into the sidebar: PATCH with the last version the server confirmed. */
    async update(e: number, id: string, version: number, note: string): Promise<number> {
      return (await call(e, "PATCH", `/api/annotations/${id}`, 200, { version, note }))!.version;
    },
    /** An annotation removed. */
    async remove(e: number, id: string, version: number): Promise<void> {
      await call(e, "DELETE", `/api/annotations/${id}?version=${version}`, 204);
    },
  };
}

export type EditorRequests = ReturnType<typeof editorRequests>;

/** GET /api/health: no authentication and one `SELECT 1`, the lightest route that reaches the database. */
export async function healthCheck(base: string): Promise<void> {
  const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  if (res.status !== 200) throw new HttpError(`GET /api/health: ${res.status} ${text.slice(0, 200)}`, res.status);
}
