import "server-only";
import type { DatabaseKind } from "../../db/database";
import { getDatabase } from "./app-database";

/** Opens the database if need be and runs a trivial query: for the health check; returns which engine answered. */
export async function checkDatabase(): Promise<DatabaseKind> {
  const { prisma, kind } = await getDatabase();
  await prisma.$queryRawUnsafe("SELECT 1");
  return kind;
}
