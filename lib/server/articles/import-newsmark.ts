import "server-only";
import { randomUUID } from "node:crypto";
import { quoteAt } from "../../anchoring/quote";
import { TextIndex } from "../../anchoring/text-index";
import type { Prisma } from "../../db/prisma";
import { newsmarkExportInput, type NewsmarkExportFile } from "../../import/newsmark-export-input";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import { toAnnotationJson } from "../annotations/annotation-json";
import { recordAudit, recordAudits } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { refreshArticleStatus } from "./refresh-article-status";

/** What the request may set over the file: its own title, byline or source. */
export interface NewsmarkImportRequest {
  title?: string;
  byline?: string;
  sourceUrl?: string;
  /** A Newsmark JSON export, as an object or as its JSON text. */
  content: unknown;
}

/** What an import created, and how many of the file's annotations it could not place in the text. */
export interface NewsmarkImportResult {
  id: string;
  title: string;
  revision: { id: string; number: number };
  /** Annotations the file carries without offsets (orphaned by a correction): not imported. */
  skippedWithoutText: number;
}

/** Someone the file names, as a user of this installation. */
interface Person {
  id: string;
  name: string;
}

/** How many problems a refusal lists: enough to fix a file, short enough to read. */
const MAX_DETAILS = 10;

function invalidFile(message: string, details: { path: string; message: string }[]): AppError {
  return new AppError("validation_failed", message, details.slice(0, MAX_DETAILS));
}

/** Parses and checks the whole file, or refuses it with the first problems found. */
export function parseNewsmarkFile(content: unknown): NewsmarkExportFile {
  let value = content;
  if (typeof content === "string") {
    try {
      value = JSON.parse(content);
    } catch (err) {
      const message = `content is not valid JSON: ${(err as Error).message}`;
      throw invalidFile(message, [{ path: "content", message }]);
    }
  }
  const parsed = newsmarkExportInput.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: ["content", ...i.path.map(String)].join("."), message: i.message }));
    throw invalidFile(`Not a valid Newsmark export: ${details[0]!.path}: ${details[0]!.message}`, details);
  }
  return parsed.data;
}

/** Users of this installation by email, for the people a file names. */
async function usersByEmail(db: Db, file: NewsmarkExportFile): Promise<Map<string, Person>> {
  const emails = new Set<string>();
  for (const a of file.annotations) {
    emails.add(a.createdBy.email);
    if (a.reviewedBy) emails.add(a.reviewedBy.email);
  }
  const users = await db.user.findMany({ where: { email: { in: [...emails] } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.email, { id: u.id, name: u.name }]));
}

/**
 * Recreates an exported article as a new one: revision 1 with the file's document, and its
 * annotations under new ids (links remapped), kept as they were: offsets, quotes, notes, attributes
 * and review state. People are matched by email, else the importing user stands in. All in one
 * transaction, so a failure leaves nothing behind. Annotations without offsets (orphans: their words
 * are not in the file's text) have nowhere to go; they are skipped, counted in the audit and the result.
 */
export async function importNewsmark(db: Db, actor: Actor, request: NewsmarkImportRequest): Promise<NewsmarkImportResult> {
  requireRole(actor, ANY_ROLE, "import articles");
  const file = parseNewsmarkFile(request.content);
  const people = await usersByEmail(db, file);
  const person = (p: { email: string } | null): Person | null => (p ? (people.get(p.email) ?? { id: actor.id, name: actor.name }) : null);
  // Review decisions come in only from someone allowed to make them; an editor's file would
  // otherwise be a way round the four-eyes rule. Orphaned is a fact about the text, not a decision.
  const keepsReviews = actor.role === "reviewer" || actor.role === "admin";
  // Only placed annotations get new ids: a link to or from a skipped one has nothing to join.
  const newIds = new Map(file.annotations.map((a) => [a.id, randomUUID()]));
  const skippedWithoutText = file.withoutText.length;
  const index = new TextIndex(file.doc);
  const docJson = file.doc.toJSON() as Prisma.InputJsonValue;
  const at = new Date();

  const annotations = file.annotations.map((a) => {
    const decided = a.status === "approved" || a.status === "rejected";
    const keepReview = keepsReviews || !decided;
    // Context is recomputed from the text, so prefix and suffix always agree with what is stored.
    const quote = quoteAt(index.codePoints, a.start, a.end);
    return {
      id: newIds.get(a.id)!,
      kind: a.kind,
      from: a.from,
      to: a.to,
      start: a.start,
      end: a.end,
      quoteExact: quote.exact,
      quotePrefix: quote.prefix,
      quoteSuffix: quote.suffix,
      note: a.note,
      attributes: a.attributes as Prisma.InputJsonValue,
      status: keepReview ? a.status : ("pending" as const),
      createdBy: person(a.createdBy)!,
      createdAt: new Date(a.createdAt),
      updatedAt: at,
      reviewedBy: keepReview ? person(a.reviewedBy) : null,
      reviewedAt: keepReview && a.reviewedAt ? new Date(a.reviewedAt) : null,
      reviewNote: keepReview ? a.reviewNote : null,
    };
  });
  const links = [
    ...new Map(
      file.annotations.flatMap((a) =>
        a.links
          .filter((l) => newIds.has(l.targetId))
          .map((l) => {
            const link = { fromId: newIds.get(a.id)!, toId: newIds.get(l.targetId)!, type: l.type, createdById: actor.id };
            return [`${link.fromId} ${link.toId} ${link.type}`, link] as const;
          }),
      ),
    ).values(),
  ];

  return db.$transaction(
    async (tx) => {
      const article = await tx.article.create({
        data: {
          title: request.title || file.article.title,
          byline: request.byline || file.article.byline || null,
          sourceUrl: request.sourceUrl || file.article.sourceUrl || null,
          createdById: actor.id,
        },
      });
      const revision = await tx.revision.create({
        data: { articleId: article.id, number: 1, doc: docJson, text: file.text, createdById: actor.id },
      });
      await tx.article.update({ where: { id: article.id }, data: { currentRevisionId: revision.id } });
      await recordAudit(
        tx,
        actor,
        {
          action: "article.create",
          entityType: "article",
          entityId: article.id,
          after: {
            title: article.title,
            format: "newsmark",
            revisionId: revision.id,
            characters: index.length,
            importedFrom: {
              articleId: file.article.id,
              revisionId: file.revision.id,
              exportedAt: file.exportedAt,
              // Where each annotation came from; its own annotation.create event is the same as a tag's.
              annotationIds: Object.fromEntries(file.annotations.filter((a) => newIds.has(a.id)).map((a) => [newIds.get(a.id)!, a.id])),
            },
            annotations: annotations.length,
            links: links.length,
            skippedWithoutText,
          },
        },
        at,
      );
      if (annotations.length > 0) {
        // One statement per table rather than one per annotation: a file may carry thousands.
        await tx.annotation.createMany({
          data: annotations.map(({ createdBy, reviewedBy, ...a }) => ({
            ...a,
            createdById: createdBy.id,
            reviewedById: reviewedBy?.id ?? null,
            articleId: article.id,
            revisionId: revision.id,
          })),
        });
        // Recorded as creating it through the API records it (annotation.create, the annotation's
        // API form after), so history and review read an imported annotation like any other.
        const created = annotations.map((a) =>
          toAnnotationJson({
            ...a,
            attributes: a.attributes as Prisma.JsonValue,
            articleId: article.id,
            revisionId: revision.id,
            version: 1,
            createdById: a.createdBy.id,
            reviewedById: a.reviewedBy?.id ?? null,
            substanceById: null,
            substanceBy: null,
            substanceAt: null,
            deletedAt: null,
            linksFrom: [],
          }),
        );
        await recordAudits(
          tx,
          actor,
          created.map((after) => ({ action: "annotation.create", entityType: "annotation", entityId: after.id, after })),
          at,
        );
      }
      if (links.length > 0) {
        await tx.annotationLink.createMany({ data: links });
        await recordAudits(
          tx,
          actor,
          links.map((l) => ({ action: "annotation.link", entityType: "annotation", entityId: l.fromId, after: { type: l.type, targetId: l.toId } })),
          at,
        );
      }
      await refreshArticleStatus(tx, article.id);
      return { id: article.id, title: article.title, revision: { id: revision.id, number: revision.number }, skippedWithoutText };
    },
    // A large file is many rows; the default 5 s would refuse it on a busy machine.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

