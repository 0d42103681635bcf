import type { ArticleEvent, PresenceEvent } from "@/lib/contracts/collab";
import { ReconnectingEventSource } from "@/lib/live/reconnecting-event-source";

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

/**
 * The article's live events from the server (`GET /api/articles/:id/events`), each handed on once
 * and in order: a stream reopened after a break resumes after the last event received, so nothing
 * is missed and nothing comes twice.
 */
export class ArticleEventSource {
  private readonly stream: ReconnectingEventSource;
  private last: number;

  constructor(private readonly options: ArticleEventSourceOptions) {
    this.last = options.after;
    this.stream = new ReconnectingEventSource({
      url: () => `/api/articles/${options.articleId}/events?after=${this.last}`,
      EventSource: options.EventSource,
      on: {
        message: (data) => this.receive(data),
        presence: (data) => {
          try {
            options.onPresence?.(JSON.parse(data) as PresenceEvent);
          } catch {
            // A beat that cannot be read is simply missed; the next one follows.
          }
        },
      },
      onOpen: (reconnected) => {
        if (reconnected) options.onReconnected?.();
      },
      onConnected: options.onConnected,
      onClosed: options.onClosed,
    });
  }

  /** The number of the last event handed on. */
  get lastEvent(): number {
    return this.last;
  }

  /** Reconnects at once if the stream is waiting to (the server answered again elsewhere). */
  retryNow(): void {
    this.stream.retryNow();
  }

  close(): void {
    this.stream.close();
  }

  private receive(data: string): void {
    let event: ArticleEvent;
    try {
      event = JSON.parse(data) as ArticleEvent;
    } catch {
      return;
    }
    // Numbers are consecutive per article: anything at or below the last one is a repeat.
    if (event.seq <= this.last) return;
    this.last = event.seq;
    this.options.onEvent(event);
  }
}
