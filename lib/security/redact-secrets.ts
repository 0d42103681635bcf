/**
 * Patterns of secrets that may ride along in an error (a driver echoing a query, a library quoting
 * a header): personal access tokens, session JWTs (and their encrypted form), Argon2 hashes,
 * bearer and cookie headers, and any `password` field.
 */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/nmk_[A-Za-z0-9_-]{8,}/g, "nmk_[redacted]"],
  [/\beyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){1,4}/g, "[redacted token]"],
  [/\$argon2(id|i|d)\$[^\s"',}]+/g, "[redacted hash]"],
  [/(bearer\s+)[^\s"',}]+/gi, "$1[redacted]"],
  [/((?:__Secure-|__Host-)?next-auth\.[a-z-]+(?:\.\d+)?=)[^;\s"',}]+/gi, "$1[redacted]"],
  [/("?(?:password|passwordHash|secret|token|cookie|authorization)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi, "$1[redacted]"],
];

/** Text with every recognisable secret replaced, for anything written to a log. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** An error (or anything thrown) as one redacted line with its stack, for logs. */
export function describeForLog(err: unknown): string {
  const text = err instanceof Error ? `${err.stack ?? `${err.name}: ${err.message}`}` : typeof err === "string" ? err : JSON.stringify(err);
  return redactSecrets(text ?? String(err));
}
