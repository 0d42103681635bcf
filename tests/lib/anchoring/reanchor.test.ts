import { describe, expect, it } from "vitest";
import { quoteAt } from "@/lib/anchoring/quote";
import { reanchor, type OldAnchor, type Reanchored } from "@/lib/anchoring/reanchor";
import { corrections, type CorrectionCase } from "./corrections-corpus";

/** Code point span of the `occurrence`-th `needle` in `text`. */
function spanOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" #${occurrence} is not in the text`);
  }
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

function anchorsOf(correction: CorrectionCase): OldAnchor[] {
  return correction.anchors.map(({ id, text, occurrence }) => {
    const { start, end } = spanOf(correction.base, text, occurrence);
    return { id, start, end, quote: quoteAt(correction.base, start, end) };
  });
}

interface Verdict {
  asExpected: boolean;
  wronglyPlaced: boolean;
}

function judge(correction: CorrectionCase, index: number, result: Reanchored): Verdict {
  const { expect: expected, text } = correction.anchors[index] as CorrectionCase["anchors"][number];
  if (result.outcome === "orphaned") return { asExpected: expected.outcome === "orphaned", wronglyPlaced: false };
  if (expected.outcome === "orphaned") return { asExpected: false, wronglyPlaced: true };
  const span = spanOf(correction.corrected, expected.exact ?? text, expected.occurrence);
  const placed = span.start === result.start && span.end === result.end;
  return { asExpected: placed && result.outcome === expected.outcome, wronglyPlaced: !placed };
}

describe("reanchor on the corrections corpus", () => {
  it("has at least 25 cases", () => {
    expect(corrections.length).toBeGreaterThanOrEqual(25);
  });

  for (const correction of corrections) {
    it(correction.name, () => {
      const results = reanchor(correction.base, correction.corrected, anchorsOf(correction));
      const got = results.map((r) => (r.outcome === "orphaned" ? { id: r.id, outcome: r.outcome } : { id: r.id, outcome: r.outcome, exact: r.quote.exact, start: r.start }));
      const want = correction.anchors.map(({ id, text, expect: e }) => {
        if (e.outcome === "orphaned") return { id, outcome: e.outcome };
        const exact = e.exact ?? text;
        return { id, outcome: e.outcome, exact, start: spanOf(correction.corrected, exact, e.occurrence).start };
      });
      expect(got).toEqual(want);
    });
  }

  it("places no annotation wrongly and re-anchors the whole corpus as expected", () => {
    let total = 0;
    let asExpected = 0;
    let wronglyPlaced = 0;
    for (const correction of corrections) {
      const results = reanchor(correction.base, correction.corrected, anchorsOf(correction));
      results.forEach((result, index) => {
        const verdict = judge(correction, index, result);
        total++;
        if (verdict.asExpected) asExpected++;
        if (verdict.wronglyPlaced) wronglyPlaced++;
      });
    }
    expect(wronglyPlaced).toBe(0);
    expect(asExpected / total).toBe(1);
  });

  it("returns quotes that match the new text at their offsets", () => {
    for (const correction of corrections) {
      const points = [...correction.corrected];
      for (const result of reanchor(correction.base, correction.corrected, anchorsOf(correction))) {
        if (result.outcome === "orphaned") continue;
        expect(points.slice(result.start, result.end).join("")).toBe(result.quote.exact);
        expect(result.quote).toEqual(quoteAt(correction.corrected, result.start, result.end));
      }
    }
  });
});
