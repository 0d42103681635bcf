import { z } from "zod";

/** Which database is behind the app: the embedded one or a PostgreSQL server. */
export const DATABASE_KINDS = ["pglite", "postgresql"] as const;

/** `GET /api/health`: liveness, public, for load balancers. */
export const healthResponse = z.object({ status: z.literal("ok"), database: z.enum(DATABASE_KINDS), databaseReachable: z.literal(true) });

/** `GET /api/health` with status 503: the app runs, but its database did not answer the check in time. */
export const degradedHealthResponse = z.object({
  status: z.literal("degraded"),
  database: z.enum(DATABASE_KINDS),
  databaseReachable: z.literal(false),
});
