import { readdirSync } from "node:fs";
import path from "node:path";

/** The HTTP methods a route handler module may export. */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The App Router folder, found from the working directory (tests run at the repository root). */
export const APP_DIR = path.resolve(process.cwd(), "app");

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

/** `app/api/articles/[id]/route.ts` → `/api/articles/[id]`; route groups `(name)` add no segment. */
function routePattern(file: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** Every route handler module under `app/`, with its URL pattern, sorted for stable test names. */
export function routeHandlerFiles(): { pattern: string; file: string }[] {
  return filesNamed(APP_DIR, "route.ts")
    .map((file) => ({ pattern: routePattern(file), file }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Every page under `app/` as its URL pattern, e.g. `/articles/[id]`. */
export function pagePatterns(): string[] {
  return filesNamed(APP_DIR, "page.tsx")
    .map(routePattern)
    .sort();
}

/** The methods a loaded route module really exports, so the list follows the code, not a copy of it. */
export function exportedMethods(mod: Record<string, unknown>): HttpMethod[] {
  return HTTP_METHODS.filter((method) => typeof mod[method] === "function");
}

/** `GET /api/articles/[id]`: how rows of the matrix and the hostile-input table are keyed. */
export function routeKey(method: string, pattern: string): string {
  return `${method} ${pattern}`;
}
