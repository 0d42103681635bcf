import { z } from "zod";

/** Which database is behind the app: the embedded one or a PostgreSQL server. */
export const DATABASE_KINDS = ["pglite", "postgresql"] as const;

/** `GET /api/health`: liveness, public, for load balancers. */
export const healthResponse = z.object({ status: z.literal("ok"), database: z.enum(DATABASE_KINDS) });
