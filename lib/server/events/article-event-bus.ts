import "server-only";
import type { ArticleEvent, PresenceEvent } from "../../contracts/collab";
import type { Notifications } from "../../db/notifications";
import type { Db } from "../db";
import { EVENTS_PER_READ, loadArticleEvents } from "./load-article-events";

/** The channel every article event is announced on: the payload is `<article id> <seq>`, never the change itself. */
export const ARTICLE_EVENTS_CHANNEL = "newsmark_article_events";
/** The channel presence beats travel on: small JSON, never stored. */
export const PRESENCE_CHANNEL = "newsmark_presence";

/** One open event stream of one article. */
export interface ArticleSubscriber {
  /** The last event it has: it receives every later one, in order, once. */
  last: number;
  onEvents(events: ArticleEvent[]): void;
  onPresence(beat: PresenceEvent): void;
}

/** One open stream that hears of every article's new events, not what they are (the review queue). */
export interface AllArticlesSubscriber {
  /** The article has a new event. */
  onArticle(articleId: string): void;
  /** Notifications sent while the database connection was down are lost: anything may have changed. */
  onResumed(): void;
}

interface ArticleListeners {
  subscribers: Set<ArticleSubscriber>;
  /** A read of new events is running; `again` asks for one more when it ends (a notification came meanwhile). */
  reading: boolean;
  again: boolean;
}

/**
 * Fans an article's live events out to the streams open on this app instance. A notification only
 * says "article A has event N"; one read per article (not per stream) fetches what each stream
 * lacks, from the lowest `last` among them, so a thousand streams on one article cost one query.
 * Events are numbered per article in commit order, so reading from `last` never skips one.
 */
export class ArticleEventBus {
  private readonly articles = new Map<string, ArticleListeners>();
  private readonly everyArticle = new Set<AllArticlesSubscriber>();
  private stop: Array<() => Promise<void>> = [];

  constructor(private readonly db: Db) {}

  /** Starts listening on the database's notifications. */
  async start(notifications: Notifications): Promise<void> {
    this.stop.push(
      await notifications.listen(
        ARTICLE_EVENTS_CHANNEL,
        (payload) => {
          const articleId = payload.split(" ")[0]!;
          for (const subscriber of this.everyArticle) subscriber.onArticle(articleId);
          if (this.articles.has(articleId)) this.read(articleId);
        },
        // Notifications sent while the connection was down are lost: every article catches up from the table.
        () => {
          for (const subscriber of this.everyArticle) subscriber.onResumed();
          for (const articleId of this.articles.keys()) this.read(articleId);
        },
      ),
      await notifications.listen(PRESENCE_CHANNEL, (payload) => {
        let beat: PresenceEvent & { articleId?: string };
        try {
          beat = JSON.parse(payload) as PresenceEvent & { articleId?: string };
        } catch {
          return;
        }
        const listeners = beat.articleId ? this.articles.get(beat.articleId) : undefined;
        if (!listeners) return;
        delete beat.articleId;
        for (const subscriber of listeners.subscribers) subscriber.onPresence(beat);
      }),
    );
  }

  /** Adds a stream; it is sent what it lacks at once (a resumed stream), then every new event. */
  subscribe(articleId: string, subscriber: ArticleSubscriber): () => void {
    let listeners = this.articles.get(articleId);
    if (!listeners) {
      listeners = { subscribers: new Set(), reading: false, again: false };
      this.articles.set(articleId, listeners);
    }
    listeners.subscribers.add(subscriber);
    this.read(articleId);
    return () => {
      const current = this.articles.get(articleId);
      current?.subscribers.delete(subscriber);
      if (current && current.subscribers.size === 0 && !current.reading) this.articles.delete(articleId);
    };
  }

  /**
   * Adds a stream told of every notification, whichever the article: only which article, no read
   * of the events (a page that wants them reads them itself, once it knows that it needs to).
   */
  subscribeAll(subscriber: AllArticlesSubscriber): () => void {
    this.everyArticle.add(subscriber);
    return () => {
      this.everyArticle.delete(subscriber);
    };
  }

  /** How many streams this instance has open (for the benchmarks and health). */
  get size(): number {
    let n = this.everyArticle.size;
    for (const listeners of this.articles.values()) n += listeners.subscribers.size;
    return n;
  }

  async close(): Promise<void> {
    await Promise.all(this.stop.map((stop) => stop()));
    this.stop = [];
  }

  private read(articleId: string): void {
    const listeners = this.articles.get(articleId);
    if (!listeners) return;
    if (listeners.reading) {
      listeners.again = true;
      return;
    }
    listeners.reading = true;
    void this.readOnce(articleId, listeners).finally(() => {
      listeners.reading = false;
      if (listeners.again) {
        listeners.again = false;
        this.read(articleId);
      } else if (listeners.subscribers.size === 0) {
        this.articles.delete(articleId);
      }
    });
  }

  private async readOnce(articleId: string, listeners: ArticleListeners): Promise<void> {
    for (;;) {
      if (listeners.subscribers.size === 0) return;
      const from = Math.min(...[...listeners.subscribers].map((s) => s.last));
      let events: ArticleEvent[];
      try {
        events = await loadArticleEvents(this.db, articleId, from);
      } catch {
        // The database is unreachable: the next notification, or the resumed connection, reads again.
        return;
      }
      // A stream that subscribed while this read was running may lack events before `from`: it
      // gets nothing from this read (that would skip them) and is served by the next one.
      let behind = false;
      for (const subscriber of listeners.subscribers) {
        if (subscriber.last < from) {
          behind = true;
          continue;
        }
        const missing = events.filter((e) => e.seq > subscriber.last);
        if (missing.length === 0) continue;
        subscriber.last = missing[missing.length - 1]!.seq;
        subscriber.onEvents(missing);
      }
      // A full page means there may be more.
      if (!behind && events.length < EVENTS_PER_READ) return;
    }
  }
}
