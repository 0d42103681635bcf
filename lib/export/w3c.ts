import type { ArticleExportSource, ExportAnnotation, ExportPerson } from "./export-types";

const ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

/** A W3C Agent: who made an annotation (Web Annotation Data Model 3.3.2). */
export interface W3cAgent {
  id: string;
  type: "Person" | "Software";
  name: string;
}

/** A body carried inside the annotation; `purpose` says how to read it (model 3.2.4, 3.3.5). */
export interface W3cTextualBody {
  type: "TextualBody";
  purpose: "classifying" | "commenting" | "describing" | "identifying" | "tagging" | "assessing";
  value: string;
  format: "text/plain";
}

/** The TextQuoteSelector of a target (model 4.2.4). */
export interface W3cTextQuoteSelector {
  type: "TextQuoteSelector";
  exact: string;
  prefix: string;
  suffix: string;
}

/** The TextPositionSelector of a target, in Unicode code points (model 4.2.5). */
export interface W3cTextPositionSelector {
  type: "TextPositionSelector";
  start: number;
  end: number;
}

/**
 * The span of an article's revision an annotation is about (model 4). An annotation whose words are
 * not in the exported revision (orphaned by a correction) has only its quote, and no state.
 */
export interface W3cSpecificResource {
  type: "SpecificResource";
  source: string;
  selector: [W3cTextQuoteSelector, W3cTextPositionSelector] | [W3cTextQuoteSelector];
  state?: { type: "TimeState"; sourceDate: string; cached: string };
}

/**
 * One Web Annotation (model 3). Bodies and targets that are other annotations are given by IRI.
 * Each repeats the context so that it stays a complete annotation when taken out of the page.
 */
export interface W3cAnnotation {
  "@context": typeof ANNO_CONTEXT;
  id: string;
  type: "Annotation";
  motivation: "classifying" | "linking" | "assessing";
  created?: string;
  generated: string;
  creator?: W3cAgent;
  generator: W3cAgent;
  body: W3cTextualBody[] | string;
  target: W3cSpecificResource | string;
}

/** The one page of a collection, with every annotation embedded (model 5.2). */
export interface W3cAnnotationPage {
  id: string;
  type: "AnnotationPage";
  partOf: string;
  startIndex: 0;
  items: W3cAnnotation[];
}

/** The W3C export of one article: an AnnotationCollection (model 5.1). */
export interface W3cAnnotationCollection {
  "@context": typeof ANNO_CONTEXT;
  id: string;
  type: "AnnotationCollection";
  label: string;
  modified: string;
  total: number;
  first: W3cAnnotationPage;
  last: string;
}

/** Where the IRIs point and when the export was made. */
export interface W3cExportOptions {
  /** The origin the application is served from, e.g. "https://newsmark.example.org" (no trailing slash needed). */
  baseUrl: string;
  exportedAt: Date;
}

/** The IRIs the export uses, all under the application's own URL space. */
function iris(baseUrl: string, source: ArticleExportSource) {
  const base = baseUrl.replace(/\/+$/, "");
  const collection = `${base}/api/articles/${source.article.id}/export?format=w3c`;
  return {
    base,
    collection,
    // A single page holds everything, so a fragment of the collection names it.
    page: `${collection}#page-1`,
    article: `${base}/articles/${source.article.id}`,
    // Revisions have no URL of their own; a URN still names exactly the text the offsets count in.
    revision: `urn:uuid:${source.revision.id}`,
    annotation: (id: string) => `${base}/api/annotations/${id}`,
    user: (id: string) => `${base}/api/users/${id}`,
  };
}

type Iris = ReturnType<typeof iris>;

/** What every item of one export shares. */
type Common = Pick<W3cAnnotation, "generated" | "generator">;

function person(p: ExportPerson, at: Iris): W3cAgent {
  // The email stays out: a W3C export is meant to travel further than the Newsmark JSON.
  return { id: at.user(p.id), type: "Person", name: p.name };
}

function text(purpose: W3cTextualBody["purpose"], value: string): W3cTextualBody {
  return { type: "TextualBody", purpose, value, format: "text/plain" };
}

/** Bodies a consumer can read without knowing Newsmark: the kind, the note, and what an attribution names. */
function bodiesOf(a: ExportAnnotation): W3cTextualBody[] {
  const bodies = [text("classifying", a.kind)];
  if (a.note.trim() !== "") bodies.push(text("commenting", a.note));
  const { sourceName, sourceType, checkWorthy } = a.attributes;
  if (typeof sourceName === "string" && sourceName.trim() !== "") bodies.push(text("identifying", sourceName));
  if (typeof sourceType === "string") bodies.push(text("describing", `Source type: ${sourceType}`));
  if (checkWorthy === true) bodies.push(text("tagging", "check-worthy"));
  return bodies;
}

/** Where a span annotation points: by quote and position in the exported revision, or by its old quote alone. */
function targetOf(a: ExportAnnotation, source: ArticleExportSource, at: Iris): W3cSpecificResource {
  const quote: W3cTextQuoteSelector = { type: "TextQuoteSelector", exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix };
  if (a.start === null || a.end === null) {
    // The quote is of an older revision's words: naming this revision's state would claim they are in it.
    return { type: "SpecificResource", source: at.article, selector: [quote] };
  }
  return {
    type: "SpecificResource",
    source: at.article,
    selector: [quote, { type: "TextPositionSelector", start: a.start, end: a.end }],
    state: { type: "TimeState", sourceDate: source.revision.createdAt, cached: at.revision },
  };
}

function spanAnnotation(a: ExportAnnotation, source: ArticleExportSource, at: Iris, common: Common): W3cAnnotation {
  return {
    "@context": ANNO_CONTEXT,
    id: at.annotation(a.id),
    type: "Annotation",
    motivation: "classifying",
    created: a.createdAt,
    ...common,
    creator: person(a.createdBy, at),
    body: bodiesOf(a),
    target: targetOf(a, source, at),
  };
}

/** "Who said what": the linked claim is the target, the attribution or hedge that points at it the body. */
function linkAnnotations(a: ExportAnnotation, at: Iris, common: Common): W3cAnnotation[] {
  return a.links.map((link) => ({
    "@context": ANNO_CONTEXT,
    id: `${at.annotation(a.id)}#${link.type}-${link.targetId}`,
    type: "Annotation",
    motivation: "linking",
    ...common,
    body: at.annotation(a.id),
    target: at.annotation(link.targetId),
  }));
}

/** A review decision as an assessment of the annotation, made by the reviewer. */
function reviewAnnotation(a: ExportAnnotation, at: Iris, common: Common): W3cAnnotation[] {
  if ((a.status !== "approved" && a.status !== "rejected") || !a.reviewedBy) return [];
  const body = [text("assessing", a.status)];
  if (a.reviewNote) body.push(text("commenting", a.reviewNote));
  return [
    {
      "@context": ANNO_CONTEXT,
      id: `${at.annotation(a.id)}#review`,
      type: "Annotation",
      motivation: "assessing",
      ...(a.reviewedAt ? { created: a.reviewedAt } : {}),
      ...common,
      creator: person(a.reviewedBy, at),
      body,
      target: at.annotation(a.id),
    },
  ];
}

/**
 * Serialises one article's annotations as a W3C Web Annotation collection: each span annotation
 * with its quote and code-point position in the revision (an orphan with its old quote only), then
 * the links and review decisions between them as annotations of their own, all in one embedded page.
 */
export function toW3cCollection(source: ArticleExportSource, options: W3cExportOptions): W3cAnnotationCollection {
  const at = iris(options.baseUrl, source);
  const common = { generated: options.exportedAt.toISOString(), generator: { id: at.base, type: "Software", name: "Newsmark" } } as const;
  const ids = new Set(source.annotations.map((a) => a.id));
  const items: W3cAnnotation[] = [];
  for (const a of source.annotations) items.push(spanAnnotation(a, source, at, common));
  for (const a of source.annotations) {
    // A filtered export (approved only) must not point at annotations it leaves out.
    items.push(...linkAnnotations({ ...a, links: a.links.filter((l) => ids.has(l.targetId)) }, at, common));
  }
  for (const a of source.annotations) items.push(...reviewAnnotation(a, at, common));
  return {
    "@context": ANNO_CONTEXT,
    id: at.collection,
    type: "AnnotationCollection",
    label: source.article.title,
    modified: source.article.updatedAt,
    total: items.length,
    first: { id: at.page, type: "AnnotationPage", partOf: at.collection, startIndex: 0, items },
    last: at.page,
  };
}
