import type { QueuePage } from "@/lib/contracts/review";

/** The server's largest page of the queue, and the one it gives by default. */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;

/**
 * Reads the queue's first page again under the page's filters, as long as what the reviewer has
 * loaded (up to the largest page): null when it cannot be read right now.
 */
export async function fetchQueuePage(filters: Record<string, string>, shown: number): Promise<QueuePage | null> {
  const limit = String(Math.min(MAX_LIMIT, Math.max(DEFAULT_LIMIT, shown)));
  try {
    const res = await fetch(`/api/review/queue?${new URLSearchParams({ ...filters, limit })}`, { cache: "no-store" });
    return res.ok ? ((await res.json()) as QueuePage) : null;
  } catch {
    return null;
  }
}
