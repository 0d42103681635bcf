import "server-only";
import type { Prisma, PrismaClient } from "../db/prisma";

/** What data-layer functions read and write through: the client or an open transaction. */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
