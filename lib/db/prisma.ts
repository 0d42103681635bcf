import "server-only";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client";

export { PrismaClient, Prisma } from "./generated/client";
export type * from "./generated/client";

/** A Prisma client over any driver adapter (PostgreSQL through pg, or PGlite). */
export function createPrismaClient(adapter: SqlDriverAdapterFactory): PrismaClient {
  return new PrismaClient({ adapter });
}
