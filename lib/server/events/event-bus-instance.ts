import "server-only";
import type { Database } from "../../db/database";
import { getDatabase } from "../database/app-database";
import { AppError } from "../errors";
import { ArticleEventBus } from "./article-event-bus";

const holder = globalThis as unknown as { newsmarkArticleEventBus?: { database: Database; bus: Promise<ArticleEventBus> } };

/**
 * This process's one event bus on the app database, started on first use. A database installed
 * in its place (tests and tools do, with useDatabase) gets a bus of its own; the old one stops.
 */
export async function getArticleEventBus(): Promise<ArticleEventBus> {
  const database = await getDatabase();
  const current = holder.newsmarkArticleEventBus;
  if (current?.database === database) return current.bus;
  if (current) void current.bus.then((bus) => bus.close(), () => undefined);
  const started = (async () => {
    if (!database.notifications) throw new AppError("unavailable", "Live updates are not available on this database");
    const bus = new ArticleEventBus(database.prisma);
    await bus.start(database.notifications);
    return bus;
  })();
  holder.newsmarkArticleEventBus = { database, bus: started };
  // Retried on the next stream rather than failing every later one.
  started.catch(() => {
    if (holder.newsmarkArticleEventBus?.bus === started) holder.newsmarkArticleEventBus = undefined;
  });
  return started;
}
