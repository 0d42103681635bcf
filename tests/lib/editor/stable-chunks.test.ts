import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stableChunks } from "@/lib/editor/stable-chunks";

const items = (ids: number[]) => ids.map((n) => ({ id: `i${n}` }));
const uniqueIds = fc.uniqueArray(fc.nat(10_000), { maxLength: 400 });

describe("stable chunks", () => {
  it("splits a fresh list into runs of the given size", () => {
    const { chunks } = stableChunks(items([...Array(120).keys()]), new Set(), 50);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 20]);
  });

  it("keeps every item once, in order, in runs no longer than the maximum", () => {
    fc.assert(
      fc.property(uniqueIds, uniqueIds, (first, second) => {
        const before = stableChunks(items(first), new Set(), 10);
        const after = stableChunks(items(second), before.starts, 10);
        for (const result of [before, after]) {
          expect(result.chunks.flat().map((i) => i.id)).toEqual(items(result === before ? first : second).map((i) => i.id));
          for (const chunk of result.chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(20);
          }
        }
      }),
    );
  });

  it("changes only the run an inserted or removed item falls in", () => {
    fc.assert(
      fc.property(uniqueIds, fc.nat(), fc.boolean(), (ids, at, insert) => {
        const list = items(ids);
        const before = stableChunks(list, new Set(), 10);
        const changed = [...list];
        if (insert) changed.splice(at % (list.length + 1), 0, { id: "new" });
        else if (list.length > 0) changed.splice(at % list.length, 1);
        const after = stableChunks(changed, before.starts, 10);
        const same = (a: readonly { id: string }[], b: readonly { id: string }[]) => a.length === b.length && a.every((x, i) => x === b[i]);
        const unchanged = after.chunks.filter((chunk) => before.chunks.some((old) => same(old, chunk))).length;
        expect(unchanged).toBeGreaterThanOrEqual(before.chunks.length - 1 - (insert ? 0 : 1));
      }),
    );
  });
});
