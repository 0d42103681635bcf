/** An in-memory localStorage: one per "browser profile", shared by the pages of a test. */
export class MemoryStorage implements Pick<Storage, "length" | "key" | "getItem" | "setItem" | "removeItem"> {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

type Callback = (lock: Lock | null) => unknown;

/**
 * The Web Locks API as one browser profile has it: exclusive locks granted in request order, and
 * `ifAvailable` and `signal` as the specification says. Enough for the editor's coordination.
 */
export class FakeLocks {
  private readonly holders = new Set<string>();
  private readonly waiting = new Map<string, Array<() => void>>();

  readonly request = ((name: string, optionsOrCallback: LockOptions | Callback, maybeCallback?: Callback): Promise<unknown> => {
    const options: LockOptions = typeof optionsOrCallback === "function" ? {} : optionsOrCallback;
    const callback = (typeof optionsOrCallback === "function" ? optionsOrCallback : maybeCallback)!;
    const run = async () => {
      this.holders.add(name);
      try {
        return await callback({ name, mode: "exclusive" } as Lock);
      } finally {
        this.holders.delete(name);
        this.waiting.get(name)?.shift()?.();
      }
    };
    if (!this.holders.has(name) && (this.waiting.get(name)?.length ?? 0) === 0) return run();
    if (options.ifAvailable) return Promise.resolve(callback(null));
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(name) ?? [];
      const go = () => void run().then(resolve, reject);
      queue.push(go);
      this.waiting.set(name, queue);
      options.signal?.addEventListener("abort", () => {
        const at = queue.indexOf(go);
        if (at >= 0) queue.splice(at, 1);
        reject(new DOMException("aborted", "AbortError"));
      });
    });
  }) as LockManager["request"];

  readonly query = async (): Promise<LockManagerSnapshot> => ({
    held: [...this.holders.keys()].map((name) => ({ name, mode: "exclusive" as const, clientId: "test" })),
    pending: [],
  });

  /** Whether some page holds the lock of this name. */
  isHeld(name: string): boolean {
    return this.holders.has(name);
  }
}
