import "server-only";
import type { Database } from "../../db/database";
import { getDatabase } from "../database/app-database";
import { AppError } from "../errors";
import { ArticleEventBus } from "./article-event-bus";

const holder = globalThis as unknown as { newsmarkEventBus?: { database: Database; bus: Promise<ArticleEventBus> } };

/**
 * This process's one event bus on the app database, started on first use. It belongs to the
 * database it was started on: when another one is installed (`useDatabase`), the old bus stops and
 * a new one starts, so streams never read events from, or listen on, a database the app has left.
 */
export async function getArticleEventBus(): Promise<ArticleEventBus> {
  const database = await getDatabase();
  const held = holder.newsmarkEventBus;
  if (held?.database === database) return held.bus;
  if (held) void held.bus.then((bus) => bus.close()).catch(() => undefined);
  const bus: Promise<ArticleEventBus> = (async () => {
    if (!database.notifications) throw new AppError("unavailable", "Live updates are not available on this database");
    const started = new ArticleEventBus(database.prisma);
    await started.start(database.notifications);
    return started;
  })().catch((err: unknown) => {
    // Retried on the next stream rather than failing every later one.
    if (holder.newsmarkEventBus?.bus === bus) holder.newsmarkEventBus = undefined;
    throw err;
  });
  holder.newsmarkEventBus = { database, bus };
  return bus;
}
