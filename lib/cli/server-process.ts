import { createRequire } from "node:module";

/**
 * Node.js flags of the production server, a deployment setting that `npm start` (start.ts) applies
 * and the benchmarks start the server with. By default V8 lets the heap grow far past what is live
 * before it collects: during a bulk export the server's resident memory went from about 230 MB to
 * 450 MB although no more than three batches (about 10 MB) were in use.
 * - A 2 MB young-generation semi-space (16 MB by default) saves about 30 MB at rest.
 * - A bounded old generation makes V8 collect before it grows (250 to 290 MB at the export's peak
 *   instead of 400 to 470), for more collections. Live memory at rest is about 60 MB, so 192 MB
 *   leaves three times that for the heaviest requests.
 * - Collecting on the main thread only: with two cores shared with PostgreSQL, the helper threads
 *   of a parallel collection only took CPU from the database (server CPU per three exports 3.4 s
 *   with them, 2.3 s without). The app scales by running one process per core, not by threads.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=2", "--max-old-space-size=192", "--single-threaded-gc"];

/**
 * Environment of the production server on top of the caller's. glibc's malloc serves blocks of
 * 128 KB and more with mmap, returned to the system when freed, but after the first such block is
 * freed it raises that threshold (up to 32 MB) and serves them from its heap, which it rarely
 * gives back. The large blocks the server frees then stay resident:
 * without the variable the export bench's server sat at 215 to 220 MB at rest and peaked at 239 to
 * 249 MB, against 156 to 184 and 184 to 213 MB with it. Other C libraries ignore the variable.
 */
export const SERVER_ENV: Record<string, string> = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) };

/**
 * The production server as a command: node with the flags and environment above, running Next.js's
 * own entry, so that the server is this process itself (no npx or shell in between to relay signals
 * or hold memory).
 */
export function serverCommand(port: number, extraNodeFlags: string[] = []): { command: string; args: string[]; env: Record<string, string> } {
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return { command: process.execPath, args: [...SERVER_NODE_FLAGS, ...extraNodeFlags, next, "start", "-p", String(port)], env: SERVER_ENV };
}
