import type { NextRequest } from "next/server";
import { sessionUser } from "../auth/session-actor";
import { getDatabase } from "../server/database/app-database";
import type { Actor, Role } from "../server/actor";
import type { Db } from "../server/db";
import { AppError } from "../server/errors";
import { authenticateToken } from "../server/tokens/authenticate-token";
import { AUTHOR_HEADER } from "./author-header";
import { errorResponse, toErrorResponse } from "./error-response";
import { isSafeMethod } from "./safe-methods";

/** What an authenticated route handler receives. */
export interface AuthedContext<P> {
  req: NextRequest;
  actor: Actor;
  db: Db;
  params: P;
}

type RouteContext<P> = { params: Promise<P> };

/** A cookie-authenticated write must come from our own origin: browsers send Origin on every POST. */
export function isCrossSite(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin || isSafeMethod(req.method)) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function resolveActor(db: Db, req: NextRequest): Promise<Actor> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const actor = match ? await authenticateToken(db, match[1]!) : null;
    if (!actor) throw new AppError("unauthorized", "The access token is invalid, revoked or expired, or its user is disabled");
    return actor;
  }
  const lookup = await sessionUser();
  if (!lookup) throw new AppError("unauthorized", "Sign in, or send a personal access token as Authorization: Bearer …");
  if ("refused" in lookup) {
    throw lookup.refused === "disabled"
      ? new AppError("forbidden", "This account is disabled")
      : new AppError("unauthorized", "Your session is no longer valid; sign in again");
  }
  if (isCrossSite(req)) throw new AppError("forbidden", "Cross-site request refused");
  return lookup.actor;
}

/**
 * The one wrapper for API route handlers: authenticates by bearer token or session cookie, checks
 * the role, and turns every thrown error into the API's envelope, so no handler can answer a 500
 * for bad input. The data layer authorizes again; this is the first gate, not the only one.
 */
export function withAuth<P = Record<string, never>>(
  handler: (ctx: AuthedContext<P>) => Promise<Response>,
  options: { roles?: readonly Role[] } = {},
) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const { prisma } = await getDatabase();
      const actor = await resolveActor(prisma, req);
      // Changes kept in a browser may outlive the session that made them: a shared computer's next
      // user must not send the previous one's work under their own name.
      const author = req.headers.get(AUTHOR_HEADER);
      if (author !== null && author !== actor.id) {
        return errorResponse("unauthorized", "These changes belong to another user than the one signed in; they were not applied");
      }
      if (options.roles && !options.roles.includes(actor.role)) {
        return errorResponse("forbidden", `This needs the role ${options.roles.join(" or ")}; you are ${actor.role}`);
      }
      const response = await handler({ req, actor, db: prisma, params: await context.params });
      // Answers to writes are small JSON: gzipping each costs the server more CPU than it saves on
      // the wire (a fresh deflate state per response), and under load that CPU is the bottleneck.
      if (!isSafeMethod(req.method) && !response.headers.has("cache-control")) response.headers.set("cache-control", "no-store, no-transform");
      return response;
    } catch (err) {
      return toErrorResponse(err, req);
    }
  };
}
