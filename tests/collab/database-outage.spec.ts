import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../../lib/db/demo-users";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { caretAfter, editorText, openOn, serverText } from "./collab-windows";
import { startCollabServers, type CollabServers } from "./collab-servers";
import { SECOND_EDITOR } from "./collab-world";

const editor = DEMO_USERS.find((u) => u.role === "editor")!;
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 30;

// Only on a PostgreSQL server, like the other PostgreSQL tests: the embedded database lives inside
// the app's process, so there is no separate server to stop (the instance restart in
// two-instances.spec.ts covers that case).
if (process.env.TEST_DATABASE_URL) {
  let proxy: TcpProxy;
  let servers: CollabServers;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // Both instances reach PostgreSQL through a proxy the test can cut: "PostgreSQL stops".
    proxy = await startTcpProxy({ targetPort: Number(new URL(process.env.TEST_DATABASE_URL ?? "postgresql://127.0.0.1:5432").port || 5432) });
    servers = await startCollabServers("outage", BASE_PORT, proxy.port);
  });

  test.afterAll(async () => {
    test.setTimeout(60_000);
    await servers?.stop();
    await proxy?.close();
  });

  test("PostgreSQL stopping for a few seconds while two editors type on two instances loses nothing", async ({ browser }) => {
    // Two sign-ins, an outage and the pages' retries with backoff: more than the default 30 s.
    test.setTimeout(120_000);
    const articleId = servers.articles[0]!;
    const a = await openOn(browser, servers.one.baseUrl, editor, articleId);
    const b = await openOn(browser, servers.two.baseUrl, SECOND_EDITOR, articleId);
    await caretAfter(a, "The minister said");
    await caretAfter(b, "in March");

    await proxy.stop({ reset: true });
    await Promise.all([a.keyboard.type(" during the outage", { delay: 20 }), b.keyboard.type(" while it was down", { delay: 20 })]);
    // Both pages hold their text and say it is not saved yet: the server answered 503.
    await expect(a.getByTestId("save-state")).toContainText("Offline");
    await expect(b.getByTestId("save-state")).toContainText("Offline");
    expect(await editorText(a)).toContain("The minister said during the outage");
    expect(await editorText(b)).toContain("in March while it was down");

    await proxy.start();
    const both = ["The minister said during the outage", "in March while it was down"];
    for (const page of [a, b]) {
      for (const words of both) await expect.poll(() => editorText(page), { timeout: 45_000 }).toContain(words);
    }
    await expect.poll(() => serverText(a, articleId), { timeout: 15_000 }).toBe(await editorText(a));
    expect(await editorText(b)).toBe(await editorText(a));
    await expect(a.getByTestId("save-state")).not.toContainText("Offline");
  });
}
