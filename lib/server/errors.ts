import "server-only";
/** The error codes of the public API and the HTTP status each maps to. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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
