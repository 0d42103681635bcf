import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueueEventSource } from "@/lib/review/queue-event-source";

/** Stands in for the browser's EventSource: the test opens, sends, fails and closes it. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  open() {
    this.readyState = this.OPEN;
    this.onopen?.();
  }
  send(type: string, data: string) {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }
  fail(gaveUp: boolean) {
    this.readyState = gaveUp ? this.CLOSED : this.CONNECTING;
    this.onerror?.();
  }
  close() {
    this.readyState = this.CLOSED;
  }
}

describe("the review queue's event source", () => {
  let told: Array<string | null>;
  let connected: boolean[];
  let source: QueueEventSource;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.opened = [];
    told = [];
    connected = [];
    source = new QueueEventSource({
      onChanged: (id) => told.push(id),
      onConnected: (c) => connected.push(c),
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
  });

  afterEach(() => {
    source.close();
    vi.useRealTimers();
  });

  it("listens to /api/review/events; on opening, anything may have changed; then each change names its article", () => {
    const stream = FakeEventSource.opened[0]!;
    expect(stream.url).toBe("/api/review/events");
    stream.open();
    stream.send("changed", JSON.stringify({ articleId: "a1" }));
    stream.send("changed", JSON.stringify({ articleId: null }));
    stream.send("changed", "not json");
    expect(told).toEqual([null, "a1", null, null]);
    expect(connected).toEqual([true]);
  });

  it("leaves reconnecting to the browser while it tries, and reopens with backoff once it gave up", async () => {
    FakeEventSource.opened[0]!.open();
    FakeEventSource.opened[0]!.fail(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
    FakeEventSource.opened[0]!.fail(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.opened).toHaveLength(2);
    FakeEventSource.opened[1]!.fail(true);
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeEventSource.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.opened).toHaveLength(3);
    // Reopened: whatever happened meanwhile is read again.
    FakeEventSource.opened[2]!.open();
    expect(told).toEqual([null, null]);
    expect(connected).toEqual([true, false, false, false, true]);
  });

  it("stops for good when the server closes the stream (a disabled user)", async () => {
    let reason = "";
    source.close();
    source = new QueueEventSource({ onChanged: (id) => told.push(id), onClosed: (r) => (reason = r), EventSource: FakeEventSource as unknown as typeof EventSource });
    const stream = FakeEventSource.opened.at(-1)!;
    stream.open();
    stream.send("closed", JSON.stringify({ reason: "disabled" }));
    stream.fail(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reason).toBe('{"reason":"disabled"}');
    expect(FakeEventSource.opened.at(-1)).toBe(stream);
  });
});
