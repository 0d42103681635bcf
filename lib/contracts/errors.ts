import { z } from "zod";

/** The error codes of the public API and the HTTP status each maps to. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  /** The embedded database is locked by another process, or the database is not migrated. */
  unavailable: 503,
  /** The database server cannot be reached right now; `Retry-After` says when to try again. */
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The code of an unexpected failure (500): a bug, never an answer to bad input. */
export const INTERNAL_ERROR_CODE = "internal";

/** One field problem from validation: `{path, message}`. */
export const fieldProblemSchema = z.object({ path: z.string(), message: z.string() });

/** The API's error envelope for one code: `{error: {code, message, details?}}`. */
export function errorBodySchema<C extends string>(code: C) {
  return z.object({ error: z.object({ code: z.literal(code), message: z.string().min(1), details: z.unknown().optional() }) });
}

/** Every error body the API may send. */
export const errorBody = z.object({
  error: z.object({
    code: z.enum([...(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]), INTERNAL_ERROR_CODE]),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
