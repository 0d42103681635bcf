import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteAt } from "@/lib/anchoring/quote";
import type { ArticleExportSource, ExportAnnotation } from "@/lib/export/export-types";
import { toNewsmarkJson } from "@/lib/export/newsmark-json";
import { validateNewsmarkJson } from "./export-validators";
import { editor, reviewer, sampleSource } from "./sample-source";

const exportedAt = new Date("2025-09-03T08:00:00.000Z");

// Pieces that trip code-unit arithmetic: astral emoji and ZWJ sequences, combining marks, RTL, CJK.
const tricky = ["👍🏽", "👩‍👩‍👧", "🇺🇦", "e\u0301", "ñ", "שלום", "مرحبا", "漢字", "𠜎𠜱", "𝒳", " ", "\n\n", "a", "."];
const textArb = fc
  .array(fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: "binary", minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(""));

const kinds = ["claim", "hedge", "attribution"] as const;
const statuses = ["pending", "approved", "rejected", "orphaned"] as const;

/** An annotation of code points start..end of `text`, quoted the way the server quotes. */
function annotationAt(text: string, start: number, end: number, kind: ExportAnnotation["kind"], status: ExportAnnotation["status"]): ExportAnnotation {
  const reviewed = status === "approved" || status === "rejected";
  return {
    id: randomUUID(),
    kind,
    start,
    end,
    quote: quoteAt(text, start, end),
    note: "",
    attributes: {},
    status,
    createdBy: editor,
    createdAt: "2025-09-02T10:00:00.000Z",
    reviewedBy: reviewed ? reviewer : null,
    reviewedAt: reviewed ? "2025-09-02T11:00:00.000Z" : null,
    reviewNote: reviewed ? "ok" : null,
    links: [],
  };
}

function sourceOf(text: string, annotations: ExportAnnotation[]): ArticleExportSource {
  return {
    article: { id: randomUUID(), title: "Random text", byline: "By Someone", sourceUrl: "https://example.org/a", updatedAt: exportedAt.toISOString() },
    revision: { id: randomUUID(), number: 3, createdAt: "2025-09-01T00:00:00.000Z", doc: { type: "doc", content: [] }, text },
    annotations,
  };
}

describe("toNewsmarkJson", () => {
  it("produces a document the published JSON Schema accepts, with counts and links as stored", () => {
    const { source, claim, rejected, attribution, hedge } = sampleSource();
    const json = toNewsmarkJson(source, exportedAt);
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json).toMatchObject({ format: "newsmark.article", version: 1, offsets: "unicode-code-points", exportedAt: exportedAt.toISOString() });
    expect(json.summary).toEqual({ claim: 2, hedge: 1, attribution: 1, pending: 2, approved: 1, rejected: 1, orphaned: 0, unattributedClaims: 1 });
    expect(json.annotations.find((a) => a.id === attribution.id)!.links).toEqual([{ type: "attributes", targetId: claim.id }]);
    expect(json.annotations.find((a) => a.id === hedge.id)!.links).toEqual([{ type: "qualifies", targetId: claim.id }]);
    expect(json.annotations.find((a) => a.id === rejected.id)!.reviewedBy).toEqual(reviewer);
  });

  it("drops links to annotations a filtered export leaves out", () => {
    const { source, claim } = sampleSource();
    const withoutClaim = { ...source, annotations: source.annotations.filter((a) => a.id !== claim.id) };
    const json = toNewsmarkJson(withoutClaim, exportedAt);
    expect(json.annotations.flatMap((a) => a.links)).toEqual([]);
    expect(validateNewsmarkJson(json)).toEqual([]);
  });

  it("is checked by a schema strict enough to refuse a malformed export", () => {
    const good = toNewsmarkJson(sampleSource().source, exportedAt);
    const [first] = good.annotations;
    const bad: unknown[] = [
      { ...good, format: "newsmark.articles" },
      { ...good, version: 2 },
      { ...good, offsets: "utf-16" },
      { ...good, extra: true },
      { ...good, summary: { ...good.summary, claim: -1 } },
      { ...good, summary: { ...good.summary, hedge: 1.5 } },
      { ...good, annotations: [{ ...first, kind: "opinion" }] },
      { ...good, annotations: [{ ...first, status: "draft" }] },
      { ...good, annotations: [{ ...first, quote: { exact: "x", prefix: "" } }] },
      { ...good, annotations: [{ ...first, reviewedBy: { id: "x", name: "y" } }] },
      { ...good, annotations: [{ ...first, links: [{ type: "mentions", targetId: randomUUID() }] }] },
      { ...good, exportedAt: "today" },
    ];
    for (const doc of bad) expect(validateNewsmarkJson(doc).length, JSON.stringify(doc).slice(0, 120)).toBeGreaterThan(0);
  });

  it("exports an annotation whose words are not in the revision with null offsets and its old quote, and counts it", () => {
    const { source, claim } = sampleSource();
    const quote = { exact: "a sentence a correction removed", prefix: "Before ", suffix: " after." };
    const orphan: ExportAnnotation = { ...claim, id: randomUUID(), start: null, end: null, quote, status: "orphaned", reviewedBy: null, reviewedAt: null, reviewNote: null };
    const dismissed: ExportAnnotation = { ...orphan, id: randomUUID(), kind: "hedge", attributes: {}, status: "rejected", reviewedBy: reviewer, reviewedAt: "2025-09-02T12:00:00.000Z", reviewNote: "Gone." };
    const json = toNewsmarkJson({ ...source, annotations: [...source.annotations, orphan, dismissed] }, exportedAt);
    expect(validateNewsmarkJson(json)).toEqual([]);
    expect(json.annotations.find((a) => a.id === orphan.id)).toMatchObject({ start: null, end: null, quote, status: "orphaned" });
    expect(json.annotations.find((a) => a.id === dismissed.id)).toMatchObject({ start: null, end: null, quote, status: "rejected" });
    expect(json.summary).toEqual({ claim: 3, hedge: 2, attribution: 1, pending: 2, approved: 1, rejected: 2, orphaned: 1, unattributedClaims: 2 });
    const points = [...json.text];
    for (const a of json.annotations.filter((x) => x.start !== null)) expect(points.slice(a.start!, a.end!).join("")).toBe(a.quote.exact);
  });

  it("has a schema that allows null offsets only both at once, and only on orphaned or rejected annotations", () => {
    const good = toNewsmarkJson(sampleSource().source, exportedAt);
    const first = good.annotations[0]!;
    const withFirst = (patch: Record<string, unknown>) => ({ ...good, annotations: [{ ...first, ...patch }] });
    expect(validateNewsmarkJson(withFirst({ start: null, end: null, status: "orphaned" }))).toEqual([]);
    expect(validateNewsmarkJson(withFirst({ start: null, end: null, status: "rejected" }))).toEqual([]);
    const bad = [
      { start: null, end: null, status: "pending" },
      { start: null, end: null, status: "approved" },
      { start: null, status: "orphaned" },
      { end: null, status: "orphaned" },
      { start: -1 },
      { end: 2.5 },
      { start: "3" },
    ];
    for (const patch of bad) expect(validateNewsmarkJson(withFirst(patch)).length, JSON.stringify(patch)).toBeGreaterThan(0);
  });

  it("keeps every quote equal to the code points its offsets select, in any script", () => {
    const caseArb = textArb.chain((text) => {
      const n = [...text].length;
      const range = fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b) + 1] as const);
      const spec = fc.record({ range, kind: fc.constantFrom(...kinds), status: fc.constantFrom(...statuses) });
      // Each annotation may link to an earlier one; `false` links point at one left out of the export.
      return fc.tuple(fc.constant(text), fc.array(spec, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 10 }));
    });
    fc.assert(
      fc.property(caseArb, ([text, specs, linkSpecs]) => {
        const annotations = specs.map((s) => annotationAt(text, s.range[0], s.range[1], s.kind, s.status));
        const leftOut = randomUUID();
        for (const [from, to, present] of linkSpecs) {
          const source = annotations[from % annotations.length]!;
          source.links.push({ type: "attributes", targetId: present ? annotations[to % annotations.length]!.id : leftOut });
        }
        const json = toNewsmarkJson(sourceOf(text, annotations), exportedAt);

        expect(validateNewsmarkJson(json)).toEqual([]);
        expect(json.text).toBe(text);
        const points = [...json.text];
        for (const a of json.annotations) {
          const start = a.start!;
          const end = a.end!;
          expect(points.slice(start, end).join("")).toBe(a.quote.exact);
          expect(a.quote.prefix).toBe(points.slice(Math.max(0, start - 32), start).join(""));
          expect(a.quote.suffix).toBe(points.slice(end, end + 32).join(""));
        }

        const ids = new Set(annotations.map((a) => a.id));
        for (const [i, a] of json.annotations.entries()) {
          expect(a.links.every((l) => ids.has(l.targetId))).toBe(true);
          expect(a.links).toEqual(annotations[i]!.links.filter((l) => l.targetId !== leftOut));
        }

        const count = (pred: (a: ExportAnnotation) => boolean) => annotations.filter(pred).length;
        const attributed = new Set(
          annotations.filter((a) => a.kind === "attribution").flatMap((a) => a.links.filter((l) => l.targetId !== leftOut).map((l) => l.targetId)),
        );
        expect(json.summary).toEqual({
          claim: count((a) => a.kind === "claim"),
          hedge: count((a) => a.kind === "hedge"),
          attribution: count((a) => a.kind === "attribution"),
          pending: count((a) => a.status === "pending"),
          approved: count((a) => a.status === "approved"),
          rejected: count((a) => a.status === "rejected"),
          orphaned: count((a) => a.status === "orphaned"),
          unattributedClaims: count((a) => a.kind === "claim" && !attributed.has(a.id)),
        });
      }),
      { numRuns: 200 },
    );
  });
});
