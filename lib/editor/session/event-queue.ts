import type { ArticleEvent } from "@/lib/contracts/collab";

/**
 * Hands article events on one at a time, in order, holding each one until the page's text has
 * reached the version it was written at: an annotation's positions in an event refer to that
 * version, so the steps before it must be applied first.
 */
export class EventQueue {
  private queue: ArticleEvent[] = [];

  constructor(
    private readonly textVersion: () => number,
    /** Asks for the steps the page lacks (an event is waiting for them). */
    private readonly catchUp: () => void,
    private readonly handle: (event: ArticleEvent) => void,
  ) {}

  push(event: ArticleEvent): void {
    this.queue.push(event);
    this.drain();
  }

  /** Call when the text's version moved: events waiting for it may go. */
  drain(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.version > this.textVersion()) {
        this.catchUp();
        return;
      }
      this.queue.shift();
      this.handle(next);
    }
  }
}
