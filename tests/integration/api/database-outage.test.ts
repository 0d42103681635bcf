import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { toErrorResponse } from "@/lib/api/error-response";
import { GET as healthHandler } from "@/app/api/health/route";
import { GET as meHandler } from "@/app/api/me/route";
import { isDatabaseUnreachable } from "@/lib/db/database-unreachable";
import { openServerDatabase, type Database } from "@/lib/db/database";
import { useDatabase } from "@/lib/server/database/app-database";
import { DATABASE_CHECK_TIMEOUT_MS } from "@/lib/server/database/check-database";
import { documented } from "../../helpers/contract-response";
import { databaseChecksum } from "../../helpers/database-checksum";
import { createTestToken, createTestUser, type TestUser } from "../../helpers/factories";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy";
import { testDatabases, type OpenedDatabase } from "../../helpers/test-database";
import { api, expectJson, makeArticle, type TestArticle } from "../annotations/annotation-api";

/*
 * The app's database client talks to PostgreSQL through a TCP proxy on 127.0.0.1, which the test
 * stops (the server goes away: connections cut, new ones refused), stalls (the server hangs) and
 * starts again. The fixtures and the checks go to the database directly, around the proxy.
 */

const healthRoute = documented("GET", "/api/health", healthHandler);
const meRoute = documented("GET", "/api/me", meHandler);

const SAMPLE = ["Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week."];

/** The app's sessions carry this name, so the test can find them on the server. */
const APP_NAME = "newsmark-outage-test";

const OUTAGE_BODY = {
  error: { code: "service_unavailable", message: "The database cannot be reached right now; nothing was changed. Try again shortly." },
};

const serverUrl = process.env.TEST_DATABASE_URL;
const onLoopback = serverUrl !== undefined && ["127.0.0.1", "localhost"].includes(new URL(serverUrl).hostname);

describe.runIf(onLoopback)("while the PostgreSQL server cannot be reached", () => {
  let direct: OpenedDatabase;
  let proxy: TcpProxy;
  let app: Database;
  let proxiedUrl: string;
  let editor: TestUser;
  let token: string;
  let article: TestArticle;

  beforeAll(async () => {
    // A migrated database of this file's own, as every PostgreSQL test gets.
    direct = await testDatabases()
      .find((d) => d.name === "postgresql")!
      .open();
    const target = new URL(direct.connectionString!);
    proxy = await startTcpProxy({ targetPort: Number(target.port || 5432) });
    const proxied = new URL(direct.connectionString!);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    proxied.searchParams.set("application_name", APP_NAME);
    proxiedUrl = proxied.toString();
    // The app opens its database as it does in production, only through the proxy.
    app = await openServerDatabase(proxiedUrl);
    useDatabase(app);
    editor = await createTestUser(direct.prisma, { role: "editor" });
    token = await createTestToken(direct.prisma, editor.email);
    article = await makeArticle(direct.prisma, editor, SAMPLE);
    // Each 503 is logged in one line; keep the test output readable.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });

  afterEach(async () => {
    // Each test starts with the server there and the app answering, whatever the last one left.
    await proxy.start();
    await expect.poll(healthStatus, { timeout: 10_000 }).toBe(200);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.prisma.$disconnect();
    await proxy?.close();
    await direct?.close();
  });

  const claim = (id = randomUUID()) => ({ id, revisionId: article.revisionId, kind: "claim", quote: { exact: "Officials in Kyiv" } });
  const me = () => meRoute(new NextRequest("http://localhost/api/me", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

  /** The app's sessions on the server (its pool's connections through the proxy). */
  async function appSessions(): Promise<number> {
    const [row] = await direct.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      APP_NAME,
    );
    return Number(row!.n);
  }

  const healthStatus = async () => (await healthRoute()).status;

  /**
   * The server goes away: the proxy cuts every connection and refuses new ones. Returns once the
   * app's pool has seen its connections end, so that what follows finds the server refusing rather
   * than racing a connection whose end is still on its way.
   */
  async function cut(): Promise<void> {
    await proxy.stop();
    await expect.poll(() => app.pool!.totalCount, { timeout: 10_000 }).toBe(0);
  }

  async function expectOutage(res: Response): Promise<void> {
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual(OUTAGE_BODY);
  }

  async function expectHealthy(): Promise<void> {
    const res = await healthRoute();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "postgresql", databaseReachable: true });
  }

  it("answers as usual while the server is there", async () => {
    await expectHealthy();
    await expectJson(await api.create(token, article.id, claim()), 201);
    expect(await appSessions()).toBeGreaterThan(0);
  });

  it("answers 503 with Retry-After and writes nothing while the server is gone, and the same requests succeed once it is back", async () => {
    await expectHealthy(); // The pool holds open connections, which the outage cuts.
    const before = await databaseChecksum(direct.prisma);
    await cut();
    expect(proxy.openConnections).toBe(0);

    // The token is looked up first: the outage is a 503 there, not a 401 or a 500.
    const body = claim();
    await expectOutage(await api.create(token, article.id, body));
    await expectOutage(await me());
    await expectOutage(await api.create(token, article.id, body));

    const health = await healthRoute();
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toBe("5");
    expect(health.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await health.json()).toEqual({ status: "degraded", database: "postgresql", databaseReachable: false });

    expect(await databaseChecksum(direct.prisma)).toEqual(before);

    // The server is back: the pool opens new connections, and the very same write goes through.
    await proxy.start();
    await expect.poll(healthStatus, { timeout: 10_000 }).toBe(200);
    await expectHealthy();
    const created = await expectJson(await api.create(token, article.id, body), 201);
    expect(created.id).toBe(body.id);
    expect((await me()).status).toBe(200);
    expect(await direct.prisma.annotation.count({ where: { id: body.id } })).toBe(1);
  });

  it("answers 503 when the connection is cut in the middle of a write, without claiming that nothing changed, and a retry settles it", async () => {
    await expectHealthy();
    // Holding a lock on the annotations makes the write wait on the server, where its connection is cut.
    const locker = new pg.Client({ connectionString: direct.connectionString });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE "annotations" IN ACCESS EXCLUSIVE MODE');
      const body = claim();
      const answer = api.create(token, article.id, body);
      const waiting = async () => {
        const { rows } = await locker.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
          [APP_NAME],
        );
        return Number(rows[0]!.n);
      };
      await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
      await proxy.stop();
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("service_unavailable");
      // The statement was on the server, which may commit it once the lock is free: the answer cannot promise anything.
      expect(error.message).toMatch(/may or may not have been saved/);
      expect(error.message).not.toMatch(/nothing was changed/);
      await locker.query("ROLLBACK");
      await expect.poll(appSessions, { timeout: 10_000 }).toBe(0);

      // Back again, the same request (same client id) settles it: created now, or found created.
      await proxy.start();
      await expect.poll(healthStatus, { timeout: 10_000 }).toBe(200);
      const retry = await api.create(token, article.id, body);
      expect([200, 201]).toContain(retry.status);
      expect(await direct.prisma.annotation.count({ where: { id: body.id } })).toBe(1);
    } finally {
      await locker.end();
    }
  });

  it("a database opened while the server is gone is a 503, not an unmigrated database", async () => {
    await cut();
    const err = await openServerDatabase(proxiedUrl).then(
      () => expect.fail("the database opened without its server"),
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnreachable(err)).toBe(true);
    await expectOutage(toErrorResponse(err));
  });

  it("health answers 503 within its time limit when the server stops answering, and 200 once it answers again", async () => {
    await expectHealthy();
    await proxy.stall();
    const started = performance.now();
    const res = await healthRoute();
    const took = performance.now() - started;
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", database: "postgresql", databaseReachable: false });
    expect(took).toBeGreaterThanOrEqual(DATABASE_CHECK_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(DATABASE_CHECK_TIMEOUT_MS + 1_500);

    await proxy.start();
    await expect.poll(healthStatus, { timeout: 10_000 }).toBe(200);
  });
});
