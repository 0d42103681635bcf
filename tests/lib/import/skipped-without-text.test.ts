import { describe, expect, it } from "vitest";
import { skippedWithoutTextMessage } from "@/lib/import/skipped-without-text";

describe("skippedWithoutTextMessage", () => {
  it("says nothing when nothing was skipped, and counts in the right number otherwise", () => {
    expect(skippedWithoutTextMessage(0)).toBe("");
    expect(skippedWithoutTextMessage(1)).toBe("1 annotation without text in this revision was not imported");
    expect(skippedWithoutTextMessage(3)).toBe("3 annotations without text in this revision were not imported");
  });
});
