import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { DatabaseLockedError } from "../db/pglite-lock";
import { DatabaseNotMigratedError } from "../db/migration-status";
import { describeForLog } from "../security/redact-secrets";
import { AppError, ERROR_STATUS, type ErrorCode } from "../server/errors";

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

/** Maps any thrown value to a response: expected errors to their 4xx, anything else to a logged 500. */
export function toErrorResponse(err: unknown): NextResponse {
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
  // Errors can quote what they were given (a query's arguments, a header): never a secret in the log.
  console.error(`Unhandled error in route handler: ${describeForLog(err)}`);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
