import "server-only";
import { getDatabase } from "../database/app-database";
import { AppError } from "../errors";
import { ArticleEventBus } from "./article-event-bus";

const holder = globalThis as unknown as { newsmarkEventBus?: Promise<ArticleEventBus> };

/** This process's one event bus on the app database, started on first use. */
export function getArticleEventBus(): Promise<ArticleEventBus> {
  if (!holder.newsmarkEventBus) {
    holder.newsmarkEventBus = (async () => {
      const database = await getDatabase();
      if (!database.notifications) throw new AppError("unavailable", "Live updates are not available on this database");
      const bus = new ArticleEventBus(database.prisma);
      await bus.start(database.notifications);
      return bus;
    })().catch((err) => {
      // Retried on the next stream rather than failing every later one.
      holder.newsmarkEventBus = undefined;
      throw err;
    });
  }
  return holder.newsmarkEventBus;
}
