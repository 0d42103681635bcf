import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ArticleExportSource, ExportAnnotation } from "@/lib/export/export-types";
import { toW3cCollection, type W3cAnnotation, type W3cSpecificResource, type W3cTextualBody } from "@/lib/export/w3c";
import { loadW3cAssertions } from "./export-validators";
import { sampleSource } from "./sample-source";

const BASE = "https://newsroom.example";
const exportedAt = new Date("2025-09-03T08:00:00.000Z");

const annotationMusts = loadW3cAssertions("annotations/annotationMusts.test");
const collectionMusts = loadW3cAssertions("collections/collectionMusts.test");
const pageMusts = loadW3cAssertions("collections/pages/pageMusts.test");

const { source, text, claim, rejected, attribution, hedge } = sampleSource();
const collection = toW3cCollection(source, { baseUrl: BASE, exportedAt });
const items = collection.first.items;
const iri = (id: string) => `${BASE}/api/annotations/${id}`;
const byId = (id: string): W3cAnnotation => {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no annotation ${id}`);
  return found;
};
const bodies = (a: W3cAnnotation) => a.body as W3cTextualBody[];

/** The assertions a document misses, with ajv's reasons. */
function failures(assertions: typeof annotationMusts, doc: unknown): string[] {
  return assertions.filter((a) => !a.passes(doc)).map((a) => `${a.file}: ${a.errors(doc)}`);
}

describe("the W3C test suite's MUST assertions", () => {
  it("are all loaded, and all are MUSTs that expect a valid document", () => {
    expect(annotationMusts).toHaveLength(54);
    expect(collectionMusts).toHaveLength(10);
    expect(pageMusts).toHaveLength(15);
    for (const a of [...annotationMusts, ...collectionMusts, ...pageMusts]) {
      expect(a.assertionType, a.file).toBe("must");
      expect(a.expectedResult, a.file).toBe("valid");
      expect(a.onUnexpectedResult, a.file).toBe("failAndContinue");
    }
  });

  it.each(annotationMusts.map((a) => [a.file, a] as const))("%s holds for every exported annotation", (_file, assertion) => {
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(assertion.passes(item), `${item.id}: ${assertion.errors(item)}`).toBe(true);
  });

  it.each(collectionMusts.map((a) => [a.file, a] as const))("%s holds for the collection", (_file, assertion) => {
    expect(assertion.passes(collection), assertion.errors(collection)).toBe(true);
  });

  it.each(pageMusts.map((a) => [a.file, a] as const))("%s holds for the collection's embedded page", (_file, assertion) => {
    expect(assertion.passes(collection), assertion.errors(collection)).toBe(true);
  });

  it("catch broken annotations, so passing them means something", () => {
    const span = byId(iri(claim.id));
    const target = span.target as W3cSpecificResource;
    const broken: unknown[] = [
      { ...span, "@context": "http://example.org/other.jsonld" },
      { ...span, type: "Note" },
      { ...span, id: "not an iri" },
      { ...span, created: "yesterday" },
      { ...span, target: undefined },
      { ...span, bodyValue: "also a body" },
      { ...span, target: { ...target, state: { type: "TimeState", cached: target.state!.cached } } },
      { ...span, target: { ...target, selector: [{ type: "TextPositionSelector", start: -1, end: 3 }] } },
      { ...span, target: { ...target, selector: [{ type: "TextQuoteSelector", prefix: "no exact" }] } },
    ];
    for (const doc of broken) expect(failures(annotationMusts, doc), JSON.stringify(doc).slice(0, 200)).not.toHaveLength(0);
    expect(failures(collectionMusts, { ...collection, total: -1 })).not.toHaveLength(0);
    expect(failures(collectionMusts, { ...collection, first: undefined })).not.toHaveLength(0);
  });
});

describe("toW3cCollection", () => {
  it("describes the article as an AnnotationCollection with one embedded page", () => {
    expect(collection["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection.label).toBe(source.article.title);
    expect(collection.label).toContain("Putin and Trump");
    expect(collection.id.startsWith(`${BASE}/api/articles/${source.article.id}/export`)).toBe(true);
    expect(collection.first.type).toBe("AnnotationPage");
    expect(collection.first.partOf).toBe(collection.id);
    expect(collection.total).toBe(items.length);
    // 4 spans, 2 links (attribution and hedge to the claim), 2 review decisions.
    expect(items).toHaveLength(8);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const item of items) expect(item.generated).toBe(exportedAt.toISOString());
  });

  it("targets each span by quote and code-point position in the named revision", () => {
    for (const a of source.annotations) {
      const item = byId(iri(a.id));
      expect(item.motivation).toBe("classifying");
      expect(item.created).toBe(a.createdAt);
      expect(item.creator).toEqual({ id: `${BASE}/api/users/${a.createdBy.id}`, type: "Person", name: a.createdBy.name });
      const target = item.target as W3cSpecificResource;
      expect(target.type).toBe("SpecificResource");
      expect(target.source).toBe(`${BASE}/articles/${source.article.id}`);
      const [quote, position] = target.selector;
      expect(quote).toEqual({ type: "TextQuoteSelector", ...a.quote });
      expect(position).toEqual({ type: "TextPositionSelector", start: a.start, end: a.end });
      expect([...text].slice(position!.start, position!.end).join("")).toBe(quote.exact);
      expect(target.state).toEqual({ type: "TimeState", sourceDate: source.revision.createdAt, cached: `urn:uuid:${source.revision.id}` });
      expect(bodies(item)[0]).toEqual({ type: "TextualBody", purpose: "classifying", value: a.kind, format: "text/plain" });
    }
  });

  it("carries the note, the attribution's source and check-worthiness as readable bodies", () => {
    const claimBodies = bodies(byId(iri(claim.id)));
    expect(claimBodies).toContainEqual(expect.objectContaining({ purpose: "commenting", value: "Check against the Kremlin readout." }));
    expect(claimBodies).toContainEqual(expect.objectContaining({ purpose: "tagging", value: "check-worthy" }));
    const attributionBodies = bodies(byId(iri(attribution.id)));
    expect(attributionBodies).toContainEqual(expect.objectContaining({ purpose: "identifying", value: "Steve Witkoff" }));
    expect(attributionBodies).toContainEqual(expect.objectContaining({ purpose: "describing", value: "Source type: person" }));
    // No empty note bodies.
    expect(bodies(byId(iri(hedge.id))).map((b) => b.purpose)).toEqual(["classifying"]);
  });

  it("expresses links as linking annotations from the attribution or hedge to the claim", () => {
    const links = items.filter((i) => i.motivation === "linking");
    expect(links.map((l) => [l.body, l.target]).sort()).toEqual(
      [
        [iri(attribution.id), iri(claim.id)],
        [iri(hedge.id), iri(claim.id)],
      ].sort(),
    );
  });

  it("expresses review decisions as assessments by the reviewer, with the reason", () => {
    const reviews = items.filter((i) => i.motivation === "assessing");
    expect(reviews.map((r) => r.target).sort()).toEqual([iri(claim.id), iri(rejected.id)].sort());
    const approved = reviews.find((r) => r.target === iri(claim.id))!;
    expect(approved.creator?.name).toBe(claim.reviewedBy!.name);
    expect(approved.created).toBe(claim.reviewedAt);
    expect(bodies(approved)).toEqual([
      { type: "TextualBody", purpose: "assessing", value: "approved", format: "text/plain" },
      { type: "TextualBody", purpose: "commenting", value: "Confirmed by two outlets.", format: "text/plain" },
    ]);
    const refused = reviews.find((r) => r.target === iri(rejected.id))!;
    expect(bodies(refused)[0]!.value).toBe("rejected");
  });

  it("drops links to annotations a filtered export leaves out, and stays valid", () => {
    const approvedOnly: ArticleExportSource = { ...source, annotations: source.annotations.filter((a) => a.status === "approved") };
    const filtered = toW3cCollection(approvedOnly, { baseUrl: `${BASE}/`, exportedAt });
    // A trailing slash on the base URL must not double up in the IRIs.
    expect(filtered.first.items.every((i) => !i.id.includes("//api"))).toBe(true);
    expect(filtered.first.items.map((i) => i.motivation)).toEqual(["classifying", "assessing"]);
    for (const item of filtered.first.items) expect(failures(annotationMusts, item)).toEqual([]);
    expect(failures(collectionMusts, filtered)).toEqual([]);
  });

  it("targets an annotation whose words are not in the revision by its old quote alone, and stays valid", () => {
    const quote = { exact: "words a correction removed", prefix: "Some of the ", suffix: ", now gone." };
    const orphan: ExportAnnotation = { ...hedge, id: randomUUID(), start: null, end: null, quote, status: "orphaned", links: [{ type: "qualifies", targetId: claim.id }] };
    const dismissed: ExportAnnotation = { ...orphan, id: randomUUID(), status: "rejected", reviewedBy: rejected.reviewedBy, reviewedAt: rejected.reviewedAt, reviewNote: "Gone." };
    const withOrphans = toW3cCollection({ ...source, annotations: [...source.annotations, orphan, dismissed] }, { baseUrl: BASE, exportedAt });
    const all = withOrphans.first.items;
    for (const item of all) expect(failures(annotationMusts, item), item.id).toEqual([]);
    expect(failures(collectionMusts, withOrphans)).toEqual([]);
    expect(failures(pageMusts, withOrphans)).toEqual([]);
    for (const id of [orphan.id, dismissed.id]) {
      const target = all.find((i) => i.id === iri(id))!.target as W3cSpecificResource;
      expect(target).toEqual({ type: "SpecificResource", source: `${BASE}/articles/${source.article.id}`, selector: [{ type: "TextQuoteSelector", ...quote }] });
    }
    // Its link and the review that dismissed it still come out.
    expect(all.filter((i) => i.body === iri(orphan.id) && i.motivation === "linking")).toHaveLength(1);
    expect(all.filter((i) => i.target === iri(dismissed.id) && i.motivation === "assessing")).toHaveLength(1);
    // The placed ones keep their position and state.
    expect((all.find((i) => i.id === iri(claim.id))!.target as W3cSpecificResource).selector).toHaveLength(2);
    // A quote-only target without an exact quote would fail the suite: the assertions see the difference.
    const broken = { ...all.find((i) => i.id === iri(orphan.id))!, target: { type: "SpecificResource", source: `${BASE}/a`, selector: [{ type: "TextQuoteSelector" }] } };
    expect(failures(annotationMusts, broken)).not.toHaveLength(0);
  });

  it("exports an article without annotations as an empty, valid collection", () => {
    const empty = toW3cCollection({ ...source, annotations: [] }, { baseUrl: BASE, exportedAt });
    expect(empty.total).toBe(0);
    expect(empty.first.items).toEqual([]);
    expect(failures(collectionMusts, empty)).toEqual([]);
    expect(failures(pageMusts, empty)).toEqual([]);
  });
});
