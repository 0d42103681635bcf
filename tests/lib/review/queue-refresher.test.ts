import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QueuePage } from "@/lib/contracts/review";
import { MAX_WAIT_MS, QueueRefresher, SETTLE_MS } from "@/lib/review/queue-refresher";

/** A read of the queue the test answers when it chooses. */
class Reads {
  readonly pending: Array<(page: QueuePage | null) => void> = [];
  readonly applied: QueuePage[] = [];
  count = 0;
  load = () => {
    this.count++;
    return new Promise<QueuePage | null>((resolve) => this.pending.push(resolve));
  };
  apply = (page: QueuePage) => void this.applied.push(page);
  /** Answers the oldest read under way, and lets its callbacks run. */
  async answer(total: number): Promise<void> {
    this.pending.shift()!({ items: [], nextCursor: null, total, orphaned: 0 });
    await vi.advanceTimersByTimeAsync(0);
  }
}

describe("the review queue's refresher", () => {
  let reads: Reads;
  let refresher: QueueRefresher;

  beforeEach(() => {
    vi.useFakeTimers();
    reads = new Reads();
    refresher = new QueueRefresher({ load: reads.load, apply: reads.apply });
  });

  afterEach(() => {
    refresher.stop();
    vi.useRealTimers();
  });

  it("reads once after a burst of changes settles", async () => {
    for (let i = 0; i < 5; i++) {
      refresher.changed();
      await vi.advanceTimersByTimeAsync(SETTLE_MS - 50);
    }
    expect(reads.count).toBe(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(reads.count).toBe(1);
    await reads.answer(3);
    expect(reads.applied.map((p) => p.total)).toEqual([3]);
  });

  it("reads at the latest after the longest wait while changes keep coming", async () => {
    for (let t = 0; t < MAX_WAIT_MS; t += SETTLE_MS / 2) {
      refresher.changed();
      await vi.advanceTimersByTimeAsync(SETTLE_MS / 2);
    }
    expect(reads.count).toBe(1);
  });

  it("waits while held, and reads once released", async () => {
    refresher.hold(true);
    refresher.changed();
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS * 2);
    expect(reads.count).toBe(0);
    refresher.hold(false);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(reads.count).toBe(1);
  });

  it("throws away an answer that was under way when the reviewer started something, and reads again after", async () => {
    refresher.changed();
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(reads.count).toBe(1);
    refresher.hold(true); // A decision is sent.
    await reads.answer(5); // The read began before it: it may still show the decided item.
    expect(reads.applied).toEqual([]);
    refresher.hold(false);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(reads.count).toBe(2);
    await reads.answer(4);
    expect(reads.applied.map((p) => p.total)).toEqual([4]);
  });

  it("reads one at a time: a change heard during a read is read after it", async () => {
    refresher.changed();
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    refresher.changed();
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect(reads.count).toBe(1);
    await reads.answer(1);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    expect(reads.count).toBe(2);
    await reads.answer(2);
    expect(reads.applied.map((p) => p.total)).toEqual([1, 2]);
  });

  it("applies nothing after it stopped", async () => {
    refresher.changed();
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    refresher.stop();
    await reads.answer(1);
    refresher.changed();
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
    expect(reads.applied).toEqual([]);
    expect(reads.count).toBe(1);
  });
});
