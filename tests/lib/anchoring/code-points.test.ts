import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodePointText } from "@/lib/anchoring/code-points";

// Code points, astral ones, and lone surrogates that may pair up with a neighbour.
const piece = fc.oneof(
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.constantFrom("😀", "🇺🇦", "e\u0301", "新闻", "שלום", "مرحبا", "\u00a0", "\ud83d", "\ude00", "\udbff"),
);
const anyText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

describe("CodePointText", () => {
  it("counts code points like the string iterator", () => {
    expect(new CodePointText("").length).toBe(0);
    expect(new CodePointText("abc").length).toBe(3);
    expect(new CodePointText("a😀b").length).toBe(3);
    expect(new CodePointText("🇺🇦").length).toBe(2);
    expect(new CodePointText("e\u0301").length).toBe(2);
    // Lone and reversed surrogates are one code point each.
    expect(new CodePointText("\ud83d").length).toBe(1);
    expect(new CodePointText("\ude00\ud83d").length).toBe(2);
  });

  it("converts between code point offsets and UTF-16 indexes", () => {
    const text = new CodePointText("a😀b🇺🇦");
    expect([0, 1, 2, 3, 4, 5].map((offset) => text.toUtf16(offset))).toEqual([0, 1, 3, 4, 6, 8]);
    expect([0, 1, 3, 4, 6, 8].map((index) => text.fromUtf16(index, "start"))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("rounds an index inside a pair forward for start and back for end", () => {
    const text = new CodePointText("a😀b");
    expect(text.fromUtf16(2, "start")).toBe(2);
    expect(text.fromUtf16(2, "end")).toBe(1);
    expect(text.splitsPair(2)).toBe(true);
    expect(text.splitsPair(1)).toBe(false);
  });

  it("slices by code points", () => {
    const text = new CodePointText("a😀b🇺🇦c");
    expect(text.slice(1, 2)).toBe("😀");
    expect(text.slice(3, 5)).toBe("🇺🇦");
    expect(text.slice(0, 0)).toBe("");
    expect(text.slice(0, text.length)).toBe("a😀b🇺🇦c");
  });

  it("rejects offsets outside the text and reversed slices", () => {
    const text = new CodePointText("a😀");
    expect(() => text.toUtf16(3)).toThrow(RangeError);
    expect(() => text.toUtf16(-1)).toThrow(RangeError);
    expect(() => text.toUtf16(0.5)).toThrow(RangeError);
    expect(() => text.fromUtf16(4, "start")).toThrow(RangeError);
    expect(() => text.slice(2, 1)).toThrow(RangeError);
  });

  it("agrees with the string iterator on any text", () => {
    fc.assert(
      fc.property(anyText, fc.nat(), fc.nat(), (raw, a, b) => {
        const points = [...raw];
        const text = new CodePointText(raw);
        expect(text.length).toBe(points.length);
        const start = Math.min(a, b) % (points.length + 1);
        const end = Math.max(start, Math.max(a, b) % (points.length + 1));
        expect(text.slice(start, end)).toBe(points.slice(start, end).join(""));
        // Every code point boundary round-trips through UTF-16.
        let index = 0;
        for (let offset = 0; offset <= points.length; offset++) {
          expect(text.toUtf16(offset)).toBe(index);
          expect(text.fromUtf16(index, "start")).toBe(offset);
          expect(text.fromUtf16(index, "end")).toBe(offset);
          index += points[offset]?.length ?? 0;
        }
      }),
    );
  });
});
