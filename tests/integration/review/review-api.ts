import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as historyHandler } from "@/app/api/annotations/[id]/history/route";
import { POST as reviewHandler } from "@/app/api/annotations/[id]/review/route";
import { GET as queueHandler } from "@/app/api/review/queue/route";
import type { PrismaClient } from "@/lib/db/prisma";
import type { Actor } from "@/lib/server/actor";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import type { HistoryEntry } from "@/lib/server/annotations/annotation-history";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import type { QueueItem } from "@/lib/server/review/review-queue";
import type { TestArticle } from "../annotations/annotation-api";
import { documented } from "../../helpers/contract-response";

/** Route calls for the review endpoints (the annotation helpers cover the other routes). */

const BASE = "http://localhost";

// Each answer is checked against the OpenAPI document before a test reads it.
const historyRoute = documented("GET", "/api/annotations/[id]/history", historyHandler);
const reviewRoute = documented("POST", "/api/annotations/[id]/review", reviewHandler);
const queueRoute = documented("GET", "/api/review/queue", queueHandler);

const routeParams = (id: string) => ({ params: Promise.resolve({ id }) });

function bearer(token: string): Headers {
  return new Headers({ authorization: `Bearer ${token}` });
}

export interface ReviewBody {
  version: number;
  decision: "approve" | "reject";
  note?: string;
}

export const reviewApi = {
  review: (token: string, id: string, body: ReviewBody | Record<string, unknown>) => {
    const headers = bearer(token);
    headers.set("content-type", "application/json");
    return reviewRoute(new NextRequest(`${BASE}/api/annotations/${id}/review`, { method: "POST", headers, body: JSON.stringify(body) }), routeParams(id));
  },
  history: (token: string, id: string) =>
    historyRoute(new NextRequest(`${BASE}/api/annotations/${id}/history`, { method: "GET", headers: bearer(token) }), routeParams(id)),
  queue: (token: string, query: Record<string, string> = {}) => {
    const search = new URLSearchParams(query).toString();
    const url = `${BASE}/api/review/queue${search ? `?${search}` : ""}`;
    return queueRoute(new NextRequest(url, { method: "GET", headers: bearer(token) }), { params: Promise.resolve({}) });
  },
};

export type { HistoryEntry, QueueItem };

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  total: number;
  orphaned: number;
}

export interface Conflict {
  error: { code: string; message: string; details: { current: AnnotationJson | null } };
}

/** A token of the right shape that was never issued: it must be refused as unknown, not as malformed. */
export function madeUpToken(): string {
  return `nmk_${randomBytes(32).toString("base64url")}`;
}

/** Tags `quote` on the article's current revision as `actor`, through the data layer. */
export async function tag(
  prisma: PrismaClient,
  actor: Actor,
  article: TestArticle,
  quote: string,
  kind: "claim" | "hedge" | "attribution" = "claim",
): Promise<AnnotationJson> {
  const { annotation } = await createAnnotation(prisma, actor, article.id, { revisionId: article.revisionId, kind, quote: { exact: quote } });
  return annotation;
}
