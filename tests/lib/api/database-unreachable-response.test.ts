import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toErrorResponse } from "@/lib/api/error-response";
import { createPrismaClient } from "@/lib/db/prisma";

const NOTHING_CHANGED = "The database cannot be reached right now; nothing was changed. Try again shortly.";

/** What Prisma throws for a query to a port on 127.0.0.1 where nothing listens. */
async function refusedQueryError(): Promise<unknown> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const prisma = createPrismaClient(new PrismaPg(new pg.Pool({ connectionString: `postgresql://newsmark@127.0.0.1:${port}/newsmark` }), { disposeExternalPool: true }));
  try {
    await prisma.user.count();
  } catch (err) {
    return err;
  } finally {
    await prisma.$disconnect();
  }
  throw new Error("The query reached a server");
}

describe("toErrorResponse for a database that cannot be reached", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers 503 service_unavailable with Retry-After, and logs one line rather than an unhandled error", async () => {
    const warned: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warned.push(args.map(String).join(" ")));
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = toErrorResponse(await refusedQueryError(), { method: "POST" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: { code: "service_unavailable", message: NOTHING_CHANGED } });
    expect(errors).not.toHaveBeenCalled();
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/^Database unreachable \(not-reached\), answered 503: PrismaClientKnownRequestError: Can't reach database server at 127\.0\.0\.1:\d+$/);
  });

  it("does not promise that nothing changed when the connection broke under a write; a read changed nothing either way", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const lost = () => new Error("Connection terminated unexpectedly");
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      const res = toErrorResponse(lost(), { method });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("service_unavailable");
      expect(error.message).toMatch(/may or may not have been saved/);
    }
    const read = toErrorResponse(lost(), { method: "GET" });
    expect(await read.json()).toEqual({ error: { code: "service_unavailable", message: NOTHING_CHANGED } });
  });
});
