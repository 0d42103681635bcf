import type { QueuePage } from "@/lib/contracts/review";

export interface QueueRefresherOptions {
  /** Reads the page of the queue the reviewer has; null when it could not be read (the next change, or reconnecting, tries again). */
  load(): Promise<QueuePage | null>;
  /** Hands a page read while nothing of the reviewer's was under way to the page, to merge. */
  apply(page: QueuePage): void;
  /** How long changes must settle before the queue is read. */
  settleMs?: number;
  /** The longest a change waits while others keep coming (someone typing in an article). */
  maxWaitMs?: number;
}

/** Changes come in bursts (a tag is an event; typing is one every few keystrokes): one read after they settle. */
export const SETTLE_MS = 300;
export const MAX_WAIT_MS = 3000;

/**
 * When the review queue reads itself again after hearing of changes: once they settle (debounced),
 * never while the reviewer is in the middle of something (a reject form open, a decision on its
 * way: `hold`), and then as soon as they are done. A page read that was under way when the
 * reviewer started something is thrown away and read again afterwards, so the page's own removal
 * of a decided item is never undone by an older answer.
 */
export class QueueRefresher {
  private readonly settleMs: number;
  private readonly maxWaitMs: number;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  /** A change has not been read yet. */
  private dirty = false;
  private held = false;
  private loading = false;
  private stopped = false;
  /** Bumped whenever an answer under way may no longer be applied. */
  private generation = 0;

  constructor(private readonly options: QueueRefresherOptions) {
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
  }

  /** Something may have changed: read the queue once changes settle. */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.schedule();
  }

  /** While held, nothing is read or applied; changes heard meanwhile are read once released. */
  hold(held: boolean): void {
    if (this.stopped || held === this.held) return;
    this.held = held;
    if (held) {
      this.clearTimers();
      this.generation++;
    } else if (this.dirty) {
      this.schedule();
    }
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.clearTimers();
  }

  private schedule(): void {
    if (this.held || this.stopped) return;
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.read(), this.settleMs);
    this.deadline ??= setTimeout(() => this.read(), this.maxWaitMs);
  }

  private clearTimers(): void {
    clearTimeout(this.settle);
    clearTimeout(this.deadline);
    this.settle = undefined;
    this.deadline = undefined;
  }

  private read(): void {
    this.clearTimers();
    // One read at a time: a change heard during it leaves `dirty` set, and is read after it.
    if (this.held || this.stopped || this.loading || !this.dirty) return;
    this.dirty = false;
    this.loading = true;
    const generation = this.generation;
    const done = (page: QueuePage | null) => {
      this.loading = false;
      if (this.stopped) return;
      if (generation !== this.generation) {
        // The reviewer did something meanwhile: this answer may predate it.
        this.dirty = true;
      } else if (page) {
        this.options.apply(page);
      }
      if (this.dirty) this.schedule();
    };
    this.options.load().then(done, () => done(null));
  }
}
