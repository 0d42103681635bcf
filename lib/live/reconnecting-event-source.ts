export interface ReconnectingEventSourceOptions {
  /** The stream's address, read again at each opening (a resumed stream names where it stopped). */
  url(): string;
  /** Handlers by event name ("message" for events without one), each given the event's data. */
  on: Record<string, (data: string) => void>;
  /** The stream opened: the first time, or again after a break (`reconnected`). */
  onOpen?(reconnected: boolean): void;
  /** Whether the stream is connected, for the page to say when live updates are paused. */
  onConnected?(connected: boolean): void;
  /** The server closed the stream for good (an event named `closed`: the user was disabled). */
  onClosed?(reason: string): void;
  /** Injected in tests; the browser's EventSource otherwise. */
  EventSource?: typeof EventSource;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/**
 * A server-sent event stream that stays open. The browser's EventSource reconnects a dropped
 * stream by itself (sending `Last-Event-ID`); when it gives up (the server answered an error, say
 * while its database was away) the stream is opened again here, with backoff.
 */
export class ReconnectingEventSource {
  private source: EventSource | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private everOpened = false;

  constructor(private readonly options: ReconnectingEventSourceOptions) {
    this.open();
  }

  /** Opens again at once if the stream is waiting out its backoff (the network or the server is back). */
  retryNow(): void {
    if (this.stopped || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.failures = 0;
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
    const source = new Source(this.options.url());
    this.source = source;
    source.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.failures = 0;
      this.options.onConnected?.(true);
      this.options.onOpen?.(reconnected);
    };
    for (const [name, handle] of Object.entries(this.options.on)) {
      source.addEventListener(name, (message) => handle(String((message as MessageEvent).data ?? "")));
    }
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
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.open();
      }, delay);
    };
  }
}
