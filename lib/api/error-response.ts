import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { databaseUnreachable, type DatabaseUnreachable } from "../db/database-unreachable";
import { DatabaseLockedError } from "../db/pglite-lock";
import { DatabaseNotMigratedError } from "../db/migration-status";
import { describeForLog, redactSecrets } from "../security/redact-secrets";
import { AppError, ERROR_STATUS, type ErrorCode } from "../server/errors";
import { isSafeMethod } from "./safe-methods";

/** A JSON error in the API's envelope: `{error: {code, message, details?}}`. */
export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: HeadersInit): NextResponse {
  return NextResponse.json(
    { error: details === undefined ? { code, message } : { code, message, details } },
    { status: ERROR_STATUS[code], headers },
  );
}

/** Field problems from zod in a stable shape: `[{path, message}]`. */
export function zodDetails(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}

/** How long a client is asked to wait (`Retry-After`, in seconds) while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The 503 for a database that cannot be reached. When no statement got through (or the request
 * only reads), nothing changed. When the connection broke under a write, the server may have
 * committed it without the answer coming back, so the message says so rather than promising.
 */
export function databaseUnreachableResponse(how: DatabaseUnreachable, method = "POST"): NextResponse {
  const message =
    how === "not-reached" || isSafeMethod(method)
      ? "The database cannot be reached right now; nothing was changed. Try again shortly."
      : "The connection to the database was lost during this request, so the change may or may not have been saved. Reload to check, then try again shortly.";
  return errorResponse("service_unavailable", message, undefined, { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) });
}

/** An error in one line: its name and the last line of its message (Prisma's quote the call first, the cause last). */
function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = message.split("\n").map((line) => line.trim()).filter(Boolean);
  return `${err instanceof Error ? err.name : "Error"}: ${lines.at(-1) ?? ""}`;
}

/**
 * Maps any thrown value to a response: expected errors to their 4xx, a database that cannot be
 * reached to a 503 (the request's method tells whether it may have written), anything else to a
 * logged 500.
 */
export function toErrorResponse(err: unknown, req?: { method: string }): NextResponse {
  if (err instanceof AppError) {
    const retryAfter = (err.details as { retryAfter?: number } | undefined)?.retryAfter;
    return errorResponse(err.code, err.message, err.details, retryAfter ? { "Retry-After": String(retryAfter) } : undefined);
  }
  if (err instanceof ZodError) {
    const details = zodDetails(err);
    const first = details[0];
    return errorResponse("validation_failed", first ? `${first.path}: ${first.message}` : "Invalid request", details);
  }
  if (err instanceof DatabaseLockedError || err instanceof DatabaseNotMigratedError) {
    return errorResponse("unavailable", err.message);
  }
  const unreachable = databaseUnreachable(err);
  if (unreachable) {
    // One line, not a stack: an outage makes one per request, and the cause is the same each time.
    console.warn(`Database unreachable (${unreachable}), answered 503: ${redactSecrets(oneLine(err))}`);
    return databaseUnreachableResponse(unreachable, req?.method);
  }
  // Errors can quote what they were given (a query's arguments, a header): never a secret in the log.
  console.error(`Unhandled error in route handler: ${describeForLog(err)}`);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
