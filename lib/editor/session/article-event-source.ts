import type { ArticleEvent, PresenceEvent } from "@/lib/contracts/collab";

export interface ArticleEventSourceOptions {
  articleId: string;
  /** The number of the last event the page has (the article's `lastEvent` when it was loaded). */
  after: number;
  /** Each event once, in order. */
  onEvent(event: ArticleEvent): void;
  onPresence?(beat: PresenceEvent): void;
  /** Whether the stream is connected, for the page to say when live updates are paused. */
  onConnected?(connected: boolean): void;
  /** The stream was reopened after a break: anything that may have been missed meanwhile is fetched again. */
  onReconnected?(): void;
  /** The server closed the stream for good (the user was disabled). */
  onClosed?(reason: string): void;
  /** Injected in tests; the browser's EventSource otherwise. */
  EventSource?: typeof EventSource;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/**
 * The article's live events from the server (`GET /api/articles/:id/events`). The browser's
 * EventSource resumes a dropped stream by itself with `Last-Event-ID`; when it gives up (the server
 * answered an error, say while its database was away) the stream is reopened here with backoff,
 * after the last event received, so nothing is missed and nothing comes twice.
 */
export class ArticleEventSource {
  private source: EventSource | null = null;
  private last: number;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private everOpened = false;

  constructor(private readonly options: ArticleEventSourceOptions) {
    this.last = options.after;
    this.open();
  }

  /** The number of the last event handed on. */
  get lastEvent(): number {
    return this.last;
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
    const source = new Source(`/api/articles/${this.options.articleId}/events?after=${this.last}`);
    this.source = source;
    source.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.failures = 0;
      this.options.onConnected?.(true);
      if (reconnected) this.options.onReconnected?.();
    };
    source.onmessage = (message) => {
      let event: ArticleEvent;
      try {
        event = JSON.parse(message.data as string) as ArticleEvent;
      } catch {
        return;
      }
      // Numbers are consecutive per article: anything at or below the last one is a repeat.
      if (event.seq <= this.last) return;
      this.last = event.seq;
      this.options.onEvent(event);
    };
    source.addEventListener("presence", (message) => {
      try {
        this.options.onPresence?.(JSON.parse((message as MessageEvent).data as string) as PresenceEvent);
      } catch {
        // A beat that cannot be read is simply missed; the next one follows.
      }
    });
    source.addEventListener("closed", (message) => {
      this.close();
      this.options.onConnected?.(false);
      this.options.onClosed?.(String((message as MessageEvent).data ?? ""));
    });
    source.onerror = () => {
      this.options.onConnected?.(false);
      // CONNECTING: the browser retries by itself with Last-Event-ID. CLOSED: it gave up; so do we, later.
      if (source.readyState !== source.CLOSED || this.stopped) return;
      source.close();
      const delay = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
      this.timer = setTimeout(() => this.open(), delay);
    };
  }
}
