import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodePointText } from "@/lib/anchoring/code-points";
import { QUOTE_CONTEXT, codePointSlice, quoteAt } from "@/lib/anchoring/quote";

describe("quoteAt", () => {
  it("quotes a range with its context", () => {
    expect(quoteAt("The mayor said taxes would fall.", 15, 20)).toEqual({
      exact: "taxes",
      prefix: "The mayor said ",
      suffix: " would fall.",
    });
  });

  it("keeps at most QUOTE_CONTEXT code points of context on each side", () => {
    const before = "b".repeat(40);
    const after = "a".repeat(40);
    const quote = quoteAt(`${before}X${after}`, 40, 41);
    expect(QUOTE_CONTEXT).toBe(32);
    expect(quote).toEqual({ exact: "X", prefix: "b".repeat(32), suffix: "a".repeat(32) });
  });

  it("counts context in code points, not UTF-16 units", () => {
    const emoji = "😀".repeat(40);
    const quote = quoteAt(`${emoji}X${emoji}`, 40, 41);
    expect(quote.prefix).toBe("😀".repeat(32));
    expect(quote.suffix).toBe("😀".repeat(32));
    expect(quote.prefix.length).toBe(64);
  });

  it("includes block separators in the context", () => {
    expect(quoteAt("Title\n\nBody text", 7, 11)).toEqual({ exact: "Body", prefix: "Title\n\n", suffix: " text" });
  });

  it("quotes astral characters whole", () => {
    expect(quoteAt("Flag 🇺🇦 here", 5, 7)).toEqual({ exact: "🇺🇦", prefix: "Flag ", suffix: " here" });
  });

  it("accepts a pre-measured text with the same result", () => {
    const raw = "a😀b🇺🇦c e\u0301";
    const measured = new CodePointText(raw);
    expect(quoteAt(measured, 1, 4)).toEqual(quoteAt(raw, 1, 4));
    expect(codePointSlice(measured, 1, 4)).toBe("😀b🇺");
  });

  it("rejects ranges outside the text or reversed", () => {
    expect(() => quoteAt("abc", 2, 1)).toThrow(RangeError);
    expect(() => quoteAt("abc", -1, 1)).toThrow(RangeError);
    expect(() => quoteAt("abc", 1, 4)).toThrow(RangeError);
    expect(() => quoteAt("abc", 0.5, 1)).toThrow(RangeError);
  });

  it("matches slicing the code point array", () => {
    const text = fc
      .array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("😀", "🇺🇦", "\n\n", "e\u0301")), { maxLength: 30 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (raw, a, b) => {
        const points = [...raw];
        const start = Math.min(a, b) % (points.length + 1);
        const end = Math.max(start, Math.max(a, b) % (points.length + 1));
        const quote = quoteAt(raw, start, end);
        expect(quote.exact).toBe(points.slice(start, end).join(""));
        expect(quote.prefix).toBe(points.slice(Math.max(0, start - QUOTE_CONTEXT), start).join(""));
        expect(quote.suffix).toBe(points.slice(end, end + QUOTE_CONTEXT).join(""));
        expect(codePointSlice(raw, start, end)).toBe(quote.exact);
      }),
    );
  });
});
