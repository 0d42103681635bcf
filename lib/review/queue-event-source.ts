export interface QueueEventSourceOptions {
  /**
   * The queue may have changed: `articleId` had a new event, or null when anything may have
   * changed (the stream opened, the first time or again after a break, so changes may have been
   * missed meanwhile; or the server's own notifications were interrupted).
   */
  onChanged(articleId: string | null): void;
  /** Whether the stream is connected, for the page to say when live updates are paused. */
  onConnected?(connected: boolean): void;
  /** The server closed the stream for good (the user was disabled). */
  onClosed?(reason: string): void;
  /** Injected in tests; the browser's EventSource otherwise. */
  EventSource?: typeof EventSource;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/**
 * Hears that the review queue may have changed (`GET /api/review/events`). The browser's
 * EventSource reconnects a dropped stream by itself; when it gives up (the server answered an
 * error, say while its database was away) the stream is reopened here with backoff, as the
 * editor's ArticleEventSource does. Nothing is resumed: each opening says "anything may have
 * changed", and the page reads its queue again.
 */
export class QueueEventSource {
  private source: EventSource | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: QueueEventSourceOptions) {
    this.open();
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  private open(): void {
    if (this.stopped) return;
    const Source = this.options.EventSource ?? EventSource;
    const source = new Source("/api/review/events");
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.options.onConnected?.(true);
      this.options.onChanged(null);
    };
    source.addEventListener("changed", (message) => {
      let articleId: unknown = null;
      try {
        articleId = (JSON.parse((message as MessageEvent).data as string) as { articleId?: unknown }).articleId;
      } catch {
        // Unreadable: treat it as "something changed".
      }
      this.options.onChanged(typeof articleId === "string" ? articleId : null);
    });
    source.addEventListener("closed", (message) => {
      this.close();
      this.options.onConnected?.(false);
      this.options.onClosed?.(String((message as MessageEvent).data ?? ""));
    });
    source.onerror = () => {
      this.options.onConnected?.(false);
      // CONNECTING: the browser retries by itself. CLOSED: it gave up; so do we, later.
      if (source.readyState !== source.CLOSED || this.stopped) return;
      source.close();
      const delay = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
      this.timer = setTimeout(() => this.open(), delay);
    };
  }
}
