import { ReconnectingEventSource } from "@/lib/live/reconnecting-event-source";

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

/**
 * Hears that the review queue may have changed (`GET /api/review/events`), over a stream that
 * reopens itself after a break. Nothing is resumed: each opening says "anything may have changed",
 * and the page reads its queue again.
 */
export class QueueEventSource {
  private readonly stream: ReconnectingEventSource;

  constructor(options: QueueEventSourceOptions) {
    this.stream = new ReconnectingEventSource({
      url: () => "/api/review/events",
      EventSource: options.EventSource,
      on: {
        changed: (data) => {
          let articleId: unknown = null;
          try {
            articleId = (JSON.parse(data) as { articleId?: unknown }).articleId;
          } catch {
            // Unreadable: treat it as "something changed".
          }
          options.onChanged(typeof articleId === "string" ? articleId : null);
        },
      },
      onOpen: () => options.onChanged(null),
      onConnected: options.onConnected,
      onClosed: options.onClosed,
    });
  }

  close(): void {
    this.stream.close();
  }
}
