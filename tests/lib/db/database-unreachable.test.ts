import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { databaseUnreachable, isDatabaseUnreachable } from "@/lib/db/database-unreachable";
import { createPrismaClient, Prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/server/errors";

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`Expected a rejection, got ${JSON.stringify(value)}`),
    (err: unknown) => err,
  );
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A Prisma error as @prisma/adapter-pg reports a server's error: `meta.driverAdapterError.cause`. */
function adapterError(code: string, cause: Record<string, unknown>): Prisma.PrismaClientKnownRequestError {
  const driverAdapterError = Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause });
  return new Prisma.PrismaClientKnownRequestError("Raw query failed", { code, clientVersion: "7", meta: { driverAdapterError } });
}

const serverError = (sqlState: string, message: string) =>
  adapterError("P2010", { originalCode: sqlState, originalMessage: message, kind: "postgres", code: sqlState, severity: "FATAL", message });

describe("what the real drivers throw with no server to reach", () => {
  let url: string;
  const clients: { $disconnect(): Promise<void> }[] = [];
  const client = () => {
    const prisma = createPrismaClient(new PrismaPg(new pg.Pool({ connectionString: url }), { disposeExternalPool: true }));
    clients.push(prisma);
    return prisma;
  };

  beforeAll(async () => {
    url = `postgresql://newsmark@127.0.0.1:${await closedPort()}/newsmark`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
  });

  it("a raw query, a model query and a transaction refused: nothing reached the server", async () => {
    const prisma = client();
    for (const failing of [
      () => prisma.$queryRawUnsafe("SELECT 1"),
      () => prisma.user.findMany(),
      () => prisma.$transaction(async (tx) => tx.user.count()),
    ]) {
      const err = await rejection(failing());
      expect(databaseUnreachable(err), String(err)).toBe("not-reached");
    }
  });

  it("pg's own refusal, bare", async () => {
    const pool = new pg.Pool({ connectionString: url });
    try {
      const err = await rejection(pool.query("SELECT 1"));
      expect((err as { code?: string }).code).toBe("ECONNREFUSED");
      expect(databaseUnreachable(err)).toBe("not-reached");
    } finally {
      await pool.end();
    }
  });

  it("a server that hangs up on the connection: pg's plain 'Connection terminated', whose outcome is unknown", async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const pool = new pg.Pool({ connectionString: `postgresql://newsmark@127.0.0.1:${(server.address() as net.AddressInfo).port}/newsmark` });
    try {
      const err = await rejection(pool.query("SELECT 1"));
      expect((err as Error).message).toMatch(/^Connection terminated/);
      expect(databaseUnreachable(err)).toBe("connection-lost");
    } finally {
      await pool.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("the shapes observed with a PostgreSQL server going away", () => {
  it("the server ending a session, shutting down, starting up, or full: nothing was committed", () => {
    expect(databaseUnreachable(serverError("57P01", "terminating connection due to administrator command"))).toBe("not-reached");
    expect(databaseUnreachable(serverError("57P02", "terminating connection because of crash of another server process"))).toBe("not-reached");
    expect(databaseUnreachable(serverError("57P03", "the database system is starting up"))).toBe("not-reached");
    expect(databaseUnreachable(adapterError("P2010", { kind: "TooManyConnections", cause: "sorry, too many clients already" }))).toBe("not-reached");
    expect(databaseUnreachable(adapterError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }))).toBe("not-reached");
  });

  it("a connection reset or broken under a statement: the outcome is unknown", () => {
    expect(databaseUnreachable(adapterError("P2010", { kind: "ConnectionClosed" }))).toBe("connection-lost");
    expect(databaseUnreachable(adapterError("P2010", { kind: "SocketTimeout" }))).toBe("connection-lost");
    expect(databaseUnreachable(serverError("08006", "connection failure"))).toBe("connection-lost");
    expect(databaseUnreachable(new Error("Connection terminated unexpectedly"))).toBe("connection-lost");
    expect(databaseUnreachable(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read", errno: -104 }))).toBe("connection-lost");
  });

  it("the outermost error decides, and wrapped ones are looked through", () => {
    // pg's connection timeout wraps the end of the connection it gave up on: nothing was sent.
    const timeout = new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") });
    expect(databaseUnreachable(timeout)).toBe("not-reached");
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(databaseUnreachable(new Error("Export failed", { cause: refused }))).toBe("not-reached");
    expect(databaseUnreachable(new AggregateError([refused], "connect failed"))).toBe("not-reached");
  });

  it("anything else is not an outage: constraints, missing tables, bugs, bad input", () => {
    const unique = adapterError("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } });
    const missingTable = serverError("42P01", 'relation "annotations" does not exist');
    const cyclic = new Error("outer") as Error & { cause?: unknown };
    cyclic.cause = new Error("inner", { cause: cyclic });
    for (const err of [
      unique,
      missingTable,
      new Prisma.PrismaClientKnownRequestError("Record not found", { code: "P2025", clientVersion: "7" }),
      new Error("Cannot read properties of undefined"),
      new ZodError([]),
      new AppError("conflict", "Stale version"),
      Object.assign(new Error("odd"), { code: "constructor" }),
      cyclic,
      "Connection terminated",
      null,
      undefined,
    ]) {
      expect(isDatabaseUnreachable(err), String(err)).toBe(false);
    }
  });
});
