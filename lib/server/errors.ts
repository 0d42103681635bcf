import "server-only";
import { ERROR_STATUS, type ErrorCode } from "../contracts/errors";

export { ERROR_STATUS, type ErrorCode };

/** An expected failure with a code from the public API; anything else is a bug (500). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A 404 naming what was not found. */
export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} not found`);
}

/** A 403 with the reason shown to the user. */
export function forbidden(message: string): AppError {
  return new AppError("forbidden", message);
}
