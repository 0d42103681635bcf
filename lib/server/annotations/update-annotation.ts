import "server-only";
import { Prisma, type AnnotationKind } from "../../db/prisma";
import { attributesByKind, parseAttributes, updateAnnotationInput } from "../../contracts/annotations";
import { linkTypeOf } from "../../contracts/vocabulary";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { AppError } from "../errors";
import { revisionDocument } from "../revisions/revision-document";
import { annotationInclude, toAnnotationJson, type AnnotationJson } from "./annotation-json";
import { assertCanModify } from "./annotation-permissions";
import { loadAnnotation } from "./load-annotation";
import { resolveTarget, spanColumns } from "./resolve-target";
import { staleVersion } from "./stale-version";
import { writeAnnotationChange, type ChangeAudit } from "./write-annotation-change";
import { mapToLiveText } from "../collab/map-to-live-text";

/**
 * Changes an annotation at the version the caller saw (409 with the current state otherwise).
 * Changing the kind, span or attributes of a reviewed annotation sends it back to review; a note
 * alone does not. Whoever changes them becomes the one who decided its substance, and so may not
 * review it until someone else has. With `revisionId` (the article's current revision) and a span, an annotation left
 * on an older revision, typically an orphan, is re-attached to text of the current one.
 */
export async function updateAnnotation(db: Db, actor: Actor, id: string, input: unknown, attempt = 1): Promise<AnnotationJson> {
  requireRole(actor, ANY_ROLE, "edit annotations");
  const patch = updateAnnotationInput.parse(input);
  // Read outside the write, but the version guards it: if anyone changes the annotation before the
  // write lands, its version moves on, nothing is written, and the caller gets the 409.
  const current = await loadAnnotation(db, id);
  assertCanModify(actor, current, "edit");
  if (current.version !== patch.version) throw staleVersion(current, patch.version);

  // The annotation as it will be: every column the statement writes comes from here.
  const next = { ...current };
  let substantive = false;
  if (patch.kind && patch.kind !== current.kind) {
    next.kind = patch.kind;
    substantive = true;
  }
  if (patch.attributes !== undefined) {
    next.attributes = parseAttributes(next.kind, patch.attributes) as Prisma.JsonValue;
    substantive ||= JSON.stringify(next.attributes) !== JSON.stringify(current.attributes);
  } else if (next.kind !== current.kind) {
    // Attributes of the old kind rarely fit the new one (a source name on a claim): keep only what does.
    const kept = attributesByKind[next.kind].safeParse(current.attributes);
    next.attributes = (kept.success ? kept.data : {}) as Prisma.JsonValue;
  }
  const otherFields = substantive || (patch.note !== undefined && patch.note !== current.note);
  if (patch.note !== undefined) next.note = patch.note;
  let reattached = false;
  // A new span is written only while the text it was placed in is still the live one (see annotationInsertion).
  let textGuard = Prisma.empty;
  const spanSent = patch.from !== undefined && patch.to !== undefined;
  // An orphan keeps its old positions: the same numbers sent for it are a re-attach, not "no move".
  if (spanSent && (patch.revisionId !== undefined || current.status === "orphaned" || patch.from !== current.from || patch.to !== current.to)) {
    const revision = await currentRevision(db, current.articleId);
    if (patch.revisionId !== undefined && patch.revisionId !== revision.id) {
      throw new AppError("conflict", "The text was selected in an older revision of this article; reload it and select the text again", {
        currentRevisionId: revision.id,
        currentRevisionNumber: revision.number,
      });
    }
    // Without revisionId, positions are read in the annotation's own revision; an older one cannot take them.
    // With textVersion the positions are in the live text, the current revision's, whichever the annotation was on.
    if (patch.revisionId === undefined && patch.textVersion === undefined && revision.id !== current.revisionId) {
      throw new AppError("conflict", "The article has a newer revision; reload it first (send revisionId to re-attach the annotation to it)");
    }
    // Chosen in an older version of the live text: mapped through the steps since.
    const chosen =
      patch.textVersion === undefined
        ? { from: patch.from!, to: patch.to! }
        : await mapToLiveText(db, current.articleId, { from: patch.from!, to: patch.to! }, patch.textVersion, revision.version);
    const span = resolveTarget(revisionDocument(revision), chosen);
    textGuard = Prisma.sql`AND EXISTS (SELECT 1 FROM "revisions" WHERE "id" = ${revision.id}::uuid AND "version" = ${revision.version} FOR SHARE)`;
    reattached = revision.id !== current.revisionId || current.status === "orphaned";
    // Compared after trimming: the same words sent with surrounding spaces are not a move.
    if (reattached || span.from !== current.from || span.to !== current.to) {
      Object.assign(next, spanColumns(span), { revisionId: revision.id });
      substantive = true;
    }
  }
  // An orphan that has text again needs a first review of those words, as does any reviewed annotation that changed.
  if ((substantive && (current.status === "approved" || current.status === "rejected")) || (reattached && current.status === "orphaned")) {
    Object.assign(next, { status: "pending", reviewedById: null, reviewedBy: null, reviewedAt: null, reviewNote: null });
  }
  const at = new Date();
  Object.assign(next, { version: current.version + 1, updatedAt: at });
  // The four-eyes rule reads this: whoever decides what the annotation says may not also approve it.
  if (substantive) Object.assign(next, { substanceById: actor.id, substanceBy: { id: actor.id, name: actor.name }, substanceAt: at });
  if (next.kind !== current.kind) next.linksFrom = current.linksFrom.filter((l) => l.type === linkTypeOf(next.kind));
  const after = toAnnotationJson(next);

  const audits: ChangeAudit[] = [];
  if (reattached) audits.push({ action: "annotation.reattach", before: spanOf(current), after: spanOf(after) });
  // A re-attach alone is fully described by its own event; anything else in the same request gets the usual one.
  if (!reattached || otherFields) audits.push({ action: "annotation.update", before: toAnnotationJson(current), after });
  const written = await writeAnnotationChange(db, {
    write: Prisma.sql`
      UPDATE "annotations" SET
        "kind" = ${next.kind}::"AnnotationKind", "attributes" = ${JSON.stringify(next.attributes)}::jsonb, "note" = ${next.note},
        "revisionId" = ${next.revisionId}::uuid, "from" = ${next.from}, "to" = ${next.to}, "start" = ${next.start}, "end" = ${next.end},
        "quoteExact" = ${next.quoteExact}, "quotePrefix" = ${next.quotePrefix}, "quoteSuffix" = ${next.quoteSuffix},
        "status" = ${next.status}::"AnnotationStatus", "reviewedById" = ${next.reviewedById}::uuid, "reviewedAt" = ${next.reviewedAt},
        "reviewNote" = ${next.reviewNote}, "substanceById" = ${next.substanceById}::uuid, "substanceAt" = ${next.substanceAt},
        "version" = ${next.version}, "updatedAt" = ${at}
       WHERE "id" = ${id}::uuid AND "version" = ${current.version} AND "deletedAt" IS NULL ${textGuard}
         AND "revisionId" = ${current.revisionId}::uuid AND "from" = ${current.from} AND "to" = ${current.to}
         AND "start" = ${current.start} AND "end" = ${current.end} AND "quoteExact" = ${current.quoteExact}
         AND "quotePrefix" = ${current.quotePrefix} AND "quoteSuffix" = ${current.quoteSuffix}
      RETURNING "id"`,
    annotation: { id, articleId: current.articleId, status: next.status },
    actorId: actor.id,
    audits,
    alongside: next.kind !== current.kind ? dropLinksThatNoLongerFit(id, next.kind) : [],
    at,
  });
  if (!written) {
    const latest = await db.annotation.findFirst({ where: { id, deletedAt: null }, include: annotationInclude });
    // Accepted text steps moved it (or a new revision took it over) between the read and the write:
    // they keep its version, since nobody changed what it says. The statement writes every column,
    // so it is written only over the span it was read with, and done again on the span it has now.
    // A span sent without textVersion is in positions of the text the page had: that is a 409.
    const retry = latest !== null && latest.version === patch.version && (!spanSent || patch.textVersion !== undefined);
    if (retry && attempt < MAX_ATTEMPTS) return updateAnnotation(db, actor, id, input, attempt + 1);
    throw staleVersion(latest, patch.version);
  }
  return after;
}

/** How often an update is made again when accepted steps keep moving the annotation under it. */
const MAX_ATTEMPTS = 3;

/** The part of an annotation a re-attach changes, in the shape the revision events use. */
function spanOf(a: { revisionId: string; start: number; end: number; status: string } & ({ quoteExact: string } | { quote: { exact: string } })) {
  return { revisionId: a.revisionId, start: a.start, end: a.end, quote: "quoteExact" in a ? a.quoteExact : a.quote.exact, status: a.status };
}

/** The article's current revision, the only one new positions may be read in. */
async function currentRevision(db: Db, articleId: string) {
  const article = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { currentRevision: true } });
  return article.currentRevision!;
}

/**
 * Links follow the kinds, so after a kind change the links that no longer fit are removed rather
 * than left pointing nowhere sensible: outgoing ones of another type, and incoming ones unless it
 * is (still) a claim. Statements for writeAnnotationChange, applied only if the change is written.
 */
function dropLinksThatNoLongerFit(id: string, kind: AnnotationKind): Prisma.Sql[] {
  const keep = linkTypeOf(kind);
  const otherTypes = keep ? Prisma.sql`AND "type" <> ${keep}::"LinkType"` : Prisma.empty;
  const statements = [Prisma.sql`DELETE FROM "annotation_links" WHERE "fromId" = ${id}::uuid ${otherTypes} AND EXISTS (SELECT 1 FROM changed)`];
  if (kind !== "claim") statements.push(Prisma.sql`DELETE FROM "annotation_links" WHERE "toId" = ${id}::uuid AND EXISTS (SELECT 1 FROM changed)`);
  return statements;
}
