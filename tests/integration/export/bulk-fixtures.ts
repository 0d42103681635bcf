import type { PrismaClient } from "@/lib/db/prisma";
import type { Actor } from "@/lib/server/actor";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { makeArticle, type TestArticle } from "../annotations/annotation-api";

/** Shared fixtures for the bulk export and import tests: annotated articles with astral characters, links and reviews. */

/** Two paragraphs with flags, emoji and a mathematical letter: code points and UTF-16 units differ throughout. */
export function paragraphs(label: string): string[] {
  return [
    `${label}: officials 🇺🇦 said on Tuesday that the ceasefire had “largely held” across 𝒳 regions, according to the ministry.`,
    `The envoy 👋🏽 claimed that 12 prisoners were released, a figure that could not be independently verified.`,
  ];
}

export interface AnnotatedArticle extends TestArticle {
  /** Annotation ids by role in the scene. */
  ids: { claim: string; attribution: string; figure: string; hedge: string };
}

/**
 * An article with two claims, an attribution linked to the first, and a hedge linked to the
 * second; the reviewer approves the first claim and the attribution and rejects the hedge.
 */
export async function annotatedArticle(prisma: PrismaClient, author: Actor, reviewer: Actor, label: string): Promise<AnnotatedArticle> {
  const article = await makeArticle(prisma, author, paragraphs(label), `Ceasefire report ${label}`);
  const tag = async (kind: string, exact: string, extra: Record<string, unknown> = {}) =>
    (await createAnnotation(prisma, author, article.id, { revisionId: article.revisionId, kind, quote: { exact }, ...extra })).annotation;
  const claim = await tag("claim", "the ceasefire had “largely held” across 𝒳 regions", { attributes: { checkWorthy: true } });
  const attribution = await tag("attribution", "the ministry", {
    note: "Which ministry?",
    attributes: { sourceName: "Defence ministry", sourceType: "organisation" },
  });
  const figure = await tag("claim", "12 prisoners were released", { note: "Number from one side only 👀" });
  const hedge = await tag("hedge", "could not be independently verified");
  await createLink(prisma, author, attribution.id, { type: "attributes", targetId: claim.id });
  await createLink(prisma, author, hedge.id, { type: "qualifies", targetId: figure.id });
  await reviewAnnotation(prisma, reviewer, claim.id, { version: claim.version, decision: "approve" });
  const linked = await prisma.annotation.findUniqueOrThrow({ where: { id: attribution.id } });
  await reviewAnnotation(prisma, reviewer, attribution.id, { version: linked.version, decision: "approve", note: "Sourced in the wire copy." });
  const hedged = await prisma.annotation.findUniqueOrThrow({ where: { id: hedge.id } });
  await reviewAnnotation(prisma, reviewer, hedge.id, { version: hedged.version, decision: "reject", note: "Not a hedge: a statement of fact." });
  return { ...article, ids: { claim: claim.id, attribution: attribution.id, figure: figure.id, hedge: hedge.id } };
}
