import type { NextRequest } from "next/server";
import { getDatabase } from "../server/database/app-database";
import type { Db } from "../server/db";
import { AppError } from "../server/errors";
import { toErrorResponse } from "./error-response";
import { isCrossSite } from "./with-auth";

/** What a signed-out route handler receives: no actor, since the request carries its own credential. */
export interface PublicContext {
  req: NextRequest;
  db: Db;
}

/**
 * The wrapper for the few API routes a signed-out visitor calls with a secret of their own (a
 * one-time set-up link): the same error envelope as `withAuth`, and writes only from our own pages.
 */
export function withoutAuth(handler: (ctx: PublicContext) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    try {
      if (isCrossSite(req)) throw new AppError("forbidden", "Cross-site request refused");
      const { prisma } = await getDatabase();
      const response = await handler({ req, db: prisma });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (err) {
      return toErrorResponse(err, req);
    }
  };
}
