import { describe, expect, it } from "vitest";
import { inPlaceCorrection, isPartCorrected } from "@/lib/anchoring/in-place-correction";
import { quoteAt } from "@/lib/anchoring/quote";
import { equalRuns } from "@/lib/anchoring/text-diff";

/** inPlaceCorrection for the first `tagged` of `oldText`, as the new text's words (or null). */
function correctedWords(oldText: string, newText: string, tagged: string, occurrence = 0): string | null {
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = oldText.indexOf(tagged, at + 1);
  if (at === -1) throw new Error(`"${tagged}" is not in the text`);
  // Plain ASCII texts: code points and UTF-16 units agree.
  const quote = quoteAt(oldText, at, at + tagged.length);
  const found = inPlaceCorrection(oldText, newText, equalRuns(oldText, newText), { start: at, end: at + tagged.length }, quote);
  return found && newText.slice(found.start, found.end);
}

describe("isPartCorrected", () => {
  it("accepts a figure, a name or a word corrected inside a phrase", () => {
    expect(isPartCorrected("3.2 per cent", "3.4 per cent")).toBe(true);
    expect(isPartCorrected("$4m", "$5m")).toBe(true);
    expect(isPartCorrected("John Smith", "Jon Smith")).toBe(true);
    expect(isPartCorrected("12 people", "Fifteen people")).toBe(true);
    expect(isPartCorrected("significant obstacles remain", "obstacles remain")).toBe(true);
  });

  it("refuses a tag whose every character was replaced", () => {
    expect(isPartCorrected("May", "June")).toBe(false);
    expect(isPartCorrected("reportedly", "would")).toBe(false);
  });

  it("refuses a rewrite of more than three words, or into more than three", () => {
    expect(isPartCorrected("Two remain", "Three of the injured, including the driver, remain")).toBe(false);
    expect(isPartCorrected("he stopped short of confirming any concrete agreements", "he declined to say whether a deal had been struck")).toBe(false);
    expect(isPartCorrected("the envoy met them twice", "the minister and the envoy met them twice")).toBe(true);
    expect(isPartCorrected("the envoy met them twice", "the prime minister and the envoy met them twice")).toBe(false);
  });

  it("refuses words that grew by more than a long word, or a new paragraph", () => {
    expect(isPartCorrected("12 votes", "12,345,678,901,234,567,890,123 votes")).toBe(false);
    expect(isPartCorrected("12 votes", "12\n\nvotes")).toBe(false);
  });
});

describe("inPlaceCorrection", () => {
  const text = "The council approved a $4m grant for the new library, said John Smith, the council leader.";

  it("finds the corrected words between unchanged surroundings", () => {
    expect(correctedWords(text, text.replace("$4m", "$5m"), "$4m")).toBe("$5m");
    expect(correctedWords(text, text.replace("John", "Jon"), "John Smith")).toBe("Jon Smith");
  });

  it("leaves words the diff finds unchanged to the search by quote", () => {
    expect(correctedWords(text, text.replace("the new library", "the library"), "$4m")).toBeNull();
  });

  it("finds nothing when the surroundings changed too", () => {
    expect(correctedWords(text, text.replace("a $4m grant", "$5m in grants"), "$4m")).toBeNull();
  });

  it("finds the words by their context when a second edit in the paragraph throws off the diff", () => {
    const corrected = text.replace("$4m", "$4.5m").replace("the council leader", "the leader of the council");
    expect(correctedWords(text, corrected, "$4m")).toBe("$4.5m");
  });

  it("finds nothing by context when the context occurs twice", () => {
    const lead = "As the paper reported on Monday: ";
    const twice = `${lead}${text}\n\n${lead}${text}`;
    // Two edits in the second paragraph, so the diff cannot carry its contexts through.
    const edit = (from: string): string => {
      const at = from.lastIndexOf("$4m");
      return `${from.slice(0, at)}$5m${from.slice(at + 3)}`.replace(/the council leader\.$/, "its leader.");
    };
    expect(correctedWords(twice, edit(twice), "$4m", 1)).toBeNull();
    // With surroundings of its own, the same correction is found.
    const unlike = `${lead}${text}\n\nOn Tuesday: ${text}`;
    expect(correctedWords(unlike, edit(unlike), "$4m", 1)).toBe("$5m");
  });

  it("needs the quote's own first character at the very start of the text, where there is no context", () => {
    const opening = "12 people were injured, police said.";
    expect(correctedWords(opening, opening.replace("12", "15"), "12 people")).toBe("15 people");
    expect(correctedWords(opening, opening.replace("12", "Fifteen"), "12 people")).toBeNull();
  });
});
