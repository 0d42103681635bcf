import "server-only";
import type { Db } from "../db";
import { seedDemoData } from "./seed-demo-data";

/** Seeds only a database with no users at all, so a newcomer's first start has something to open. */
export async function seedIfEmpty(prisma: Db): Promise<void> {
  if ((await prisma.user.count()) === 0) await seedDemoData(prisma);
}
