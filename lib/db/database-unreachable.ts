import "server-only";

/*
 * What the drivers throw when the PostgreSQL server cannot be reached, as observed with Prisma 7
 * over @prisma/adapter-pg and pg (a proxy in front of the server stopped with connections open,
 * new connections refused, sessions terminated on the server):
 *
 * - a Prisma error whose `meta.driverAdapterError.cause` says why: `{kind: "DatabaseNotReachable"}`
 *   (refused, unknown host), `{kind: "ConnectionClosed"}` (reset), `{kind: "SocketTimeout"}`, or
 *   `{kind: "postgres", code: "57P01"}` (the server ended the session); its Prisma code is P1001
 *   for a model query or an interactive transaction, P2010 for a raw query;
 * - pg's own plain Error, with no code, when the connection ends under a query or in the pool:
 *   "Connection terminated unexpectedly", "Connection terminated due to connection timeout";
 * - Node's socket errors (ECONNREFUSED, ECONNRESET…), bare or as the cause of another error, from
 *   what uses the pool directly (the bulk export's COPY).
 *
 * Everything is recognised by shape, not by class, so that it holds whichever copy of a package threw.
 */

/**
 * How a request lost its database. `not-reached`: no statement got to the server, or the server
 * aborted it (it refused the connection, was starting up or shutting down), so nothing changed.
 * `connection-lost`: the connection broke with a statement possibly on its way or done, so a
 * write may have been committed without its answer coming back.
 */
export type DatabaseUnreachable = "not-reached" | "connection-lost";

/** Prisma's codes: P1001 the server cannot be reached, P2024 no pooled connection in time; the rest broke a conversation. */
const PRISMA_CODES = new Map<string, DatabaseUnreachable>([
  ["P1001", "not-reached"],
  ["P2024", "not-reached"],
  ["P1002", "connection-lost"],
  ["P1008", "connection-lost"],
  ["P1017", "connection-lost"],
]);

/** @prisma/adapter-pg's kinds (TooManyConnections: the server turns new sessions away for now). */
const ADAPTER_KINDS = new Map<string, DatabaseUnreachable>([
  ["DatabaseNotReachable", "not-reached"],
  ["TooManyConnections", "not-reached"],
  ["ConnectionClosed", "connection-lost"],
  ["SocketTimeout", "connection-lost"],
]);

/** Node's errors of a socket that could not connect, or that was cut. */
const SOCKET_CODES = new Map<string, DatabaseUnreachable>([
  ["ECONNREFUSED", "not-reached"],
  ["ENOTFOUND", "not-reached"],
  ["EAI_AGAIN", "not-reached"],
  ["EHOSTUNREACH", "not-reached"],
  ["EHOSTDOWN", "not-reached"],
  ["ENETUNREACH", "not-reached"],
  ["ENETDOWN", "not-reached"],
  ["ECONNRESET", "connection-lost"],
  ["ECONNABORTED", "connection-lost"],
  ["ETIMEDOUT", "connection-lost"],
  ["EPIPE", "connection-lost"],
]);

/**
 * PostgreSQL's SQLSTATEs: 57P01 to 57P03 (the server is shutting down and aborted the statement,
 * crashed, or cannot accept connections yet: "the database system is starting up"), 53300 (too many
 * connections), 08001 and 08004 (no session was established); the rest of class 08 (connection
 * exception) broke a session.
 */
function sqlState(code: string): DatabaseUnreachable | null {
  if (["57P01", "57P02", "57P03", "53300", "08001", "08004"].includes(code)) return "not-reached";
  return /^08[0-9A-Z]{3}$/.test(code) ? "connection-lost" : null;
}

/** pg's messages, which carry no code: a connection that could not open, or one that ended. */
const PG_MESSAGES: [RegExp, DatabaseUnreachable][] = [
  [/^Connection terminated due to connection timeout/i, "not-reached"],
  [/^timeout exceeded when trying to connect/i, "not-reached"],
  [/^Client has encountered a connection error and is not queryable/i, "not-reached"],
  [/^Connection terminated/i, "connection-lost"],
  [/^Query read timeout/i, "connection-lost"],
];

type Shape = Record<string, unknown>;

const isObject = (value: unknown): value is Shape => typeof value === "object" && value !== null;
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** What one error, without what it wraps, says of the database. */
function ownVerdict(err: Shape): DatabaseUnreachable | null {
  const code = text(err.code);
  // PrismaClientInitializationError names its code `errorCode`.
  const prisma = PRISMA_CODES.get(code) ?? PRISMA_CODES.get(text(err.errorCode));
  if (prisma) return prisma;
  const socket = SOCKET_CODES.get(code);
  if (socket) return socket;
  // A driver adapter's error (a Prisma error's `meta.driverAdapterError.cause`) has a kind and,
  // for a server's error, the SQLSTATE as `originalCode`; pg's own errors have it as `code`.
  const kind = ADAPTER_KINDS.get(text(err.kind));
  if (kind) return kind;
  const state = sqlState(code) ?? sqlState(text(err.originalCode));
  if (state) return state;
  const message = text(err.message);
  return PG_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

/** What an error wraps: its cause, a Prisma error's driver adapter error, an AggregateError's errors. */
function wrapped(err: Shape): Shape[] {
  const inner: unknown[] = [err.cause];
  if (isObject(err.meta)) inner.push(err.meta.driverAdapterError);
  if (Array.isArray(err.errors)) inner.push(...(err.errors as unknown[]));
  return inner.filter(isObject);
}

/**
 * Whether a thrown value means the database server cannot be reached right now (refused, cut,
 * timed out, shutting down or starting up), and how: null for anything else (a bug, a constraint,
 * a bad request). The outermost error that says so decides; what it wraps is looked through, a
 * few levels deep.
 */
export function databaseUnreachable(err: unknown): DatabaseUnreachable | null {
  const seen = new Set<Shape>();
  let level: Shape[] = isObject(err) ? [err] : [];
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const next: Shape[] = [];
    for (const value of level) {
      if (seen.has(value)) continue;
      seen.add(value);
      const verdict = ownVerdict(value);
      if (verdict) return verdict;
      next.push(...wrapped(value));
    }
    level = next;
  }
  return null;
}

/** Whether a thrown value means the database server cannot be reached right now. */
export function isDatabaseUnreachable(err: unknown): boolean {
  return databaseUnreachable(err) !== null;
}
