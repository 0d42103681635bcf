/** The HTTP methods that only read: no route handler changes anything for them. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request's method only reads (GET, HEAD, OPTIONS). */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}
