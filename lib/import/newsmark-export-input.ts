import type { Node } from "prosemirror-model";
import { z } from "zod";
import { anchorRange } from "../anchoring/anchor-range";
import { docText } from "../anchoring/doc-text";
import { TextIndex } from "../anchoring/text-index";
import { attributesByKind, noteSchema } from "../contracts/annotations";
import { annotationKindSchema, annotationStatusSchema, LINK_SOURCE_KIND, LINK_TARGET_KIND, linkTypeSchema } from "../contracts/vocabulary";
import { ContentError } from "./content-error";
import { parseProseMirrorJson } from "./prosemirror-json";

const uuid = z.uuid({ message: "must be a UUID" });
const isoDateTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const offset = z.number().int("must be a whole number").min(0, "must not be negative");

const person = z.object({
  id: uuid,
  name: z.string().max(500),
  // Matched against users on import; a file may name someone this installation does not know.
  email: z.string().trim().toLowerCase().max(320),
});

const exportedAnnotation = z.object({
  id: uuid,
  kind: annotationKindSchema,
  // Null for an annotation whose words are not in this revision's text (orphaned by a correction).
  start: offset.nullable(),
  end: offset.nullable(),
  quote: z.object({ exact: z.string().min(1, "must not be empty").max(10_000), prefix: z.string(), suffix: z.string() }),
  note: noteSchema,
  attributes: z.record(z.string(), z.unknown()),
  status: annotationStatusSchema,
  createdBy: person,
  createdAt: isoDateTime,
  reviewedBy: person.nullable(),
  reviewedAt: isoDateTime.nullable(),
  reviewNote: z.string().max(2000).nullable(),
  links: z.array(z.object({ type: linkTypeSchema, targetId: uuid })).max(1000),
});

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "must be an http(s) URL");

const exportFile = z.object({
  format: z.literal("newsmark.article", { error: 'must be "newsmark.article"' }),
  version: z.literal(1, { error: "must be 1 (the only version this installation reads)" }),
  exportedAt: isoDateTime,
  article: z.object({
    id: uuid,
    title: z.string().trim().min(1, "is required").max(500),
    byline: z.string().trim().max(500).nullable(),
    sourceUrl: httpUrl.nullable(),
  }),
  revision: z.object({ id: uuid, number: z.number().int().min(1), createdAt: isoDateTime }),
  text: z.string().max(2_000_000),
  offsets: z.literal("unicode-code-points", { error: 'must be "unicode-code-points"' }),
  doc: z.unknown(),
  annotations: z.array(exportedAnnotation).max(20_000),
  // Derived from the annotations, so an import recomputes it rather than trusting it.
  summary: z.record(z.string(), z.number()).optional(),
});


type ExportFile = z.infer<typeof exportFile>;
type ExportedAnnotation = ExportFile["annotations"][number];

/** An annotation of a checked file, with its offsets and its editor positions in the file's document. */
export type CheckedAnnotation = ExportedAnnotation & { start: number; end: number; from: number; to: number };

/** An annotation of a checked file whose words are not in its text (orphaned, or rejected after that). */
export type AnnotationWithoutText = ExportedAnnotation & { start: null; end: null };

/**
 * A Newsmark export that passed every check, with its document parsed and positions computed.
 * `annotations` are those placed in the text; `withoutText` those the file carries without offsets.
 */
export type NewsmarkExportFile = Omit<ExportFile, "annotations" | "doc"> & {
  doc: Node;
  annotations: CheckedAnnotation[];
  withoutText: AnnotationWithoutText[];
};

/** The statuses an annotation may have without offsets: a correction removed its words, and a reviewer may have dismissed it since. */
const WITHOUT_TEXT_STATUSES: ReadonlySet<string> = new Set(["orphaned", "rejected"]);

function checkAnnotations(
  file: ExportFile,
  index: TextIndex,
  ctx: z.RefinementCtx,
): { checked: CheckedAnnotation[]; withoutText: AnnotationWithoutText[] } {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path: ["annotations", ...path], message });
  const byId = new Map(file.annotations.map((a) => [a.id, a]));
  if (byId.size !== file.annotations.length) issue([], "annotation ids must be unique");
  const length = index.length;
  const checked: CheckedAnnotation[] = [];
  const withoutText: AnnotationWithoutText[] = [];
  file.annotations.forEach((a, i) => {
    const attributes = attributesByKind[a.kind].safeParse(a.attributes);
    if (!attributes.success) issue([i, "attributes"], `not valid for a ${a.kind}: ${attributes.error.issues[0]?.message ?? "invalid"}`);
    a.links.forEach((link, j) => {
      const target = byId.get(link.targetId);
      if (!target) issue([i, "links", j, "targetId"], "names no annotation in this file");
      else if (a.kind !== LINK_SOURCE_KIND[link.type] || target.kind !== LINK_TARGET_KIND) {
        issue([i, "links", j], `a "${link.type}" link goes from an ${LINK_SOURCE_KIND[link.type]} to a claim, not from a ${a.kind} to a ${target.kind}`);
      }
    });
    if (a.start === null || a.end === null) {
      if (a.start !== a.end) {
        issue([i, a.start === null ? "start" : "end"], "start and end must both be offsets, or both be null");
      } else if (!WITHOUT_TEXT_STATUSES.has(a.status)) {
        issue(
          [i, "start"],
          `may be null only for an orphaned or rejected annotation (one whose words are not in this revision's text); this one is ${a.status}`,
        );
      } else {
        withoutText.push({ ...a, start: null, end: null });
      }
      return;
    }
    if (a.start >= a.end || a.end > length) {
      issue([i, "start"], `start and end must satisfy 0 <= start < end <= ${length} (the text's length in code points)`);
      return;
    }
    const exact = index.codePoints.slice(a.start, a.end);
    if (exact !== a.quote.exact) {
      issue([i, "quote", "exact"], `does not match the text at ${a.start}..${a.end}, which reads ${JSON.stringify(exact.slice(0, 80))}`);
      return;
    }
    const from = index.posAt(a.start, "start");
    const to = index.posAt(a.end, "end");
    // The same rule as tagging in the editor: a span starts and ends on text, never on whitespace.
    const anchored = anchorRange(index.doc, from, to, index);
    if (!anchored.ok || anchored.start !== a.start || anchored.end !== a.end) {
      issue([i, "start"], "the span must start and end on text, not on whitespace or between paragraphs");
      return;
    }
    checked.push({ ...a, start: a.start, end: a.end, from, to });
  });
  return { checked, withoutText };
}

/**
 * A Newsmark JSON export (`lib/export/newsmark-article.schema.json`), checked as a whole before anything is
 * written: the document must fit the editor schema and give exactly `text`, and every annotation's
 * code-point offsets must quote its text; links must point at annotations in the same file. Only an
 * orphaned or rejected annotation may come without offsets; it is set apart in `withoutText`.
 */
export const newsmarkExportInput = exportFile.transform((file, ctx): NewsmarkExportFile => {
  let doc: Node;
  try {
    doc = parseProseMirrorJson(file.doc);
  } catch (err) {
    ctx.addIssue({ code: "custom", path: ["doc"], message: err instanceof ContentError ? err.message : String(err) });
    return z.NEVER;
  }
  if (docText(doc) !== file.text) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "does not match the text of doc (textblocks joined by a blank line)" });
    return z.NEVER;
  }
  const { checked, withoutText } = checkAnnotations(file, new TextIndex(doc), ctx);
  return { ...file, doc, annotations: checked, withoutText };
});
