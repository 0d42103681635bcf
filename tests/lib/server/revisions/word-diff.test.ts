import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wordDiff, type DiffSegment } from "@/lib/server/revisions/word-diff";

const rebuild = (diff: DiffSegment[], skip: DiffSegment["type"]) =>
  diff
    .filter((s) => s.type !== skip)
    .map((s) => s.text)
    .join("");

const changes = (diff: DiffSegment[]) => diff.filter((s) => s.type !== "equal");

describe("wordDiff", () => {
  it("shows a corrected name as one word replaced", () => {
    const diff = wordDiff("US special envoy Steve Witkoff stated.", "US special envoy Steven Witkoff stated.");
    expect(diff).toEqual([
      { type: "equal", text: "US special envoy " },
      { type: "delete", text: "Steve" },
      { type: "insert", text: "Steven" },
      { type: "equal", text: " Witkoff stated." },
    ]);
  });

  it("shows a deleted paragraph whole and leaves the others alone", () => {
    const diff = wordDiff("First one.\n\nSecond one.\n\nThird one.", "First one.\n\nThird one.");
    expect(changes(diff)).toHaveLength(1);
    expect(changes(diff)[0]!.type).toBe("delete");
    expect(changes(diff)[0]!.text.trim()).toBe("Second one.");
  });

  it("keeps a rewritten phrase together rather than interleaving it with shared spaces", () => {
    const diff = wordDiff("Officials said the talks stalled today.", "Officials said negotiations were paused today.");
    expect(changes(diff)).toEqual([
      { type: "delete", text: "the talks stalled" },
      { type: "insert", text: "negotiations were paused" },
    ]);
  });

  it("keeps paragraph breaks apart when neighbouring paragraphs are both rewritten", () => {
    const diff = wordDiff("Alpha beta.\n\nGamma delta.", "Epsilon zeta.\n\nEta theta.");
    expect(diff.some((s) => s.type === "equal" && s.text.includes("\n\n"))).toBe(true);
  });

  it("is empty of changes for equal texts and whole for a text from nothing", () => {
    expect(wordDiff("Same words.", "Same words.")).toEqual([{ type: "equal", text: "Same words." }]);
    expect(wordDiff("", "New text.")).toEqual([{ type: "insert", text: "New text." }]);
    expect(wordDiff("Old text.", "")).toEqual([{ type: "delete", text: "Old text." }]);
    expect(wordDiff("", "")).toEqual([]);
  });

  it("shows a whole rewrite of a long text as replaced, quickly", () => {
    const words = (seed: number) => Array.from({ length: 6000 }, (_, i) => `w${(i * seed) % 997}`).join(" ");
    const oldText = words(7);
    const newText = words(13);
    const started = performance.now();
    const diff = wordDiff(oldText, newText);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(diff).toEqual([
      { type: "delete", text: oldText },
      { type: "insert", text: newText },
    ]);
  });

  it("always rebuilds both texts, with no empty or repeated segments (property)", () => {
    const piece = fc.constantFrom("Witkoff", "Steve", "Steven", "the", "talks", "Kyiv", "’s", ",", ".", " ", "  ", "\n", "\n\n", "\u00a0", "😀", "e\u0301");
    const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (oldText, newText) => {
        const diff = wordDiff(oldText, newText);
        expect(rebuild(diff, "insert")).toBe(oldText);
        expect(rebuild(diff, "delete")).toBe(newText);
        for (const [i, segment] of diff.entries()) {
          expect(segment.text).not.toBe("");
          if (i > 0) expect(segment.type).not.toBe(diff[i - 1]!.type);
          // Within one change, what went comes before what came.
          if (i > 0 && segment.type === "delete") expect(diff[i - 1]!.type).toBe("equal");
        }
      }),
      { numRuns: 300 },
    );
  });
});
