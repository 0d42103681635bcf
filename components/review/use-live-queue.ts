"use client";

import { useEffect, useEffectEvent, useRef, useState } from "react";
import type { QueuePage } from "@/lib/contracts/review";
import { QueueEventSource } from "@/lib/review/queue-event-source";
import { QueueRefresher } from "@/lib/review/queue-refresher";
import { fetchQueuePage } from "./fetch-queue-page";

/** Whether the page hears of changes: not yet, yes, or not right now (it reconnects by itself). */
export type LiveState = "connecting" | "live" | "paused";

interface Options {
  filters: Record<string, string>;
  /** How many items the page shows: the page read again is as long. */
  shown: number;
  /** The reviewer is in the middle of something (a reject form, a decision on its way): changes wait. */
  held: boolean;
  /** A fresh read of the queue, to merge into what the page shows. */
  onPage(page: QueuePage): void;
}

/**
 * Keeps an open review queue up to date: hears of changes on any article (or, filtered to one
 * article, on that one), and reads the queue again once they settle and the reviewer is not in the
 * middle of something (lib/review/queue-refresher.ts), and whenever the stream opens.
 */
export function useLiveQueue({ filters, shown, held, onPage }: Options): LiveState {
  const [live, setLive] = useState<LiveState>("connecting");
  const refresher = useRef<QueueRefresher | null>(null);
  const query = new URLSearchParams(filters).toString();
  const load = useEffectEvent(() => fetchQueuePage(filters, shown));
  const apply = useEffectEvent((page: QueuePage) => onPage(page));
  const concerns = useEffectEvent((articleId: string | null) => articleId === null || !filters.articleId || articleId === filters.articleId);

  useEffect(() => {
    const current = new QueueRefresher({ load: () => load(), apply: (page) => apply(page) });
    refresher.current = current;
    const source = new QueueEventSource({
      onChanged(articleId) {
        if (concerns(articleId)) current.changed();
      },
      onConnected: (connected) => setLive(connected ? "live" : "paused"),
    });
    return () => {
      source.close();
      current.stop();
      refresher.current = null;
    };
  }, [query]);

  useEffect(() => {
    refresher.current?.hold(held);
  }, [held, query]);

  return live;
}
