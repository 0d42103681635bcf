import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/**
 * Where database notifications (NOTIFY) reach this process. One interface for both databases: on a
 * PostgreSQL server every app instance listens on its own connection, so instances behind a load
 * balancer hear each other's changes; the embedded database lives in this one process and tells
 * its listeners directly.
 */
export interface Notifications {
  /**
   * Calls `onPayload` for each notification on `channel`. `onResumed` runs after the connection was
   * lost and listening started again: notifications sent meanwhile are gone, so listeners catch up
   * from where they were. Returns how to stop.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>>;
}

/** Notifications of the embedded database, delivered in this process. */
export function pgliteNotifications(pglite: PGlite): Notifications {
  return {
    async listen(channel, onPayload) {
      const stop = await pglite.listen(channel, onPayload);
      return () => stop();
    },
  };
}

/** Delays before listening again after the connection is lost, the last one repeating. */
const RECONNECT_MS = [100, 500, 1000, 2000, 5000];

/**
 * Notifications of a PostgreSQL server, on a connection of their own (a pooled one would be handed
 * to other queries). A lost connection is opened again with backoff, and listeners told to catch up.
 */
export function pgNotifications(connectionString: string): Notifications {
  return {
    async listen(channel, onPayload, onResumed) {
      let stopped = false;
      let client: pg.Client | null = null;
      let failures = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const connect = async (resumed: boolean): Promise<void> => {
        const next = new pg.Client({ connectionString });
        next.on("notification", (message) => {
          if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
        });
        // Only the current connection's end counts: a late event of one already replaced must not
        // end its successor.
        next.on("error", () => {
          if (client === next) reconnect();
        });
        next.on("end", () => {
          if (client === next) reconnect();
        });
        client = next;
        await next.connect();
        await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
        failures = 0;
        if (resumed) onResumed?.();
      };
      const reconnect = () => {
        if (stopped || timer) return;
        const dead = client;
        client = null;
        dead?.removeAllListeners("end");
        dead?.end().catch(() => undefined);
        const delay = RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]!;
        timer = setTimeout(() => {
          timer = undefined;
          connect(true).catch(() => reconnect());
        }, delay);
        timer.unref?.();
      };
      await connect(false);
      return async () => {
        stopped = true;
        clearTimeout(timer);
        const last = client;
        client = null;
        last?.removeAllListeners("end");
        await last?.end().catch(() => undefined);
      };
    },
  };
}
