import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../../lib/db/demo-users";
import { selectText } from "../e2e/editor-helpers";
import { caretAfter, editorText, openOn, serverText } from "./collab-windows";
import { startCollabServers, type CollabServers } from "./collab-servers";
import { SECOND_EDITOR } from "./collab-world";

const editor = DEMO_USERS.find((u) => u.role === "editor")!;
const reviewer = DEMO_USERS.find((u) => u.role === "reviewer")!;
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 20;

let servers: CollabServers;
let next = 0;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  servers = await startCollabServers("collab", BASE_PORT);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await servers?.stop();
});

test("a claim tagged in one window is highlighted in the other, on another instance, without a reload", async ({ browser }) => {
  const articleId = servers.articles[next++]!;
  const a = await openOn(browser, servers.one.baseUrl, editor, articleId);
  const b = await openOn(browser, servers.two.baseUrl, SECOND_EDITOR, articleId);

  await selectText(a, "unemployment fell to 3.2 per cent");
  await a.keyboard.press("Control+Alt+1");
  const inA = a.locator(".annotation-claim").first();
  await expect(inA).toBeVisible();
  const id = await inA.getAttribute("data-annotation-id");

  const inB = b.locator(`[data-annotation-id="${id}"]`);
  await expect(inB).toBeVisible();
  await expect(inB).toHaveText("unemployment fell to 3.2 per cent");
  // And in B's sidebar, with its author.
  await expect(b.locator(".annotation-sidebar")).toContainText("unemployment fell to 3.2 per cent");
});

test("two editors typing in the same paragraph at the same moment both keep their words, and the server has the same text", async ({ browser }) => {
  const articleId = servers.articles[next++]!;
  const a = await openOn(browser, servers.one.baseUrl, editor, articleId);
  const b = await openOn(browser, servers.two.baseUrl, SECOND_EDITOR, articleId);
  await caretAfter(a, "Officials confirmed");
  await caretAfter(b, "critics doubted them");

  await Promise.all([a.keyboard.type(" swiftly and publicly", { delay: 15 }), b.keyboard.type(" loudly and at length", { delay: 15 })]);

  const expected = "Officials confirmed swiftly and publicly the figures on Tuesday while critics doubted them loudly and at length.";
  await expect.poll(() => editorText(a)).toContain(expected);
  await expect.poll(() => editorText(b)).toContain(expected);
  await expect.poll(() => serverText(a, articleId)).toContain(expected);
  expect(await editorText(a)).toBe(await editorText(b));
  expect(await serverText(b, articleId)).toBe(await editorText(a));
});

test("a tag follows the words while someone else types before it, in both windows and in the database", async ({ browser }) => {
  const articleId = servers.articles[next++]!;
  const a = await openOn(browser, servers.one.baseUrl, editor, articleId);
  const b = await openOn(browser, servers.two.baseUrl, SECOND_EDITOR, articleId);
  await selectText(a, "critics doubted them");
  await a.keyboard.press("Control+Alt+2");
  const id = await a.locator(".annotation-hedge").first().getAttribute("data-annotation-id");
  await expect(b.locator(`[data-annotation-id="${id}"]`)).toHaveText("critics doubted them");

  await caretAfter(b, "Officials");
  await b.keyboard.type(" in Brussels", { delay: 10 });

  await expect(a.locator(`[data-annotation-id="${id}"]`)).toHaveText("critics doubted them");
  await expect(b.locator(`[data-annotation-id="${id}"]`)).toHaveText("critics doubted them");
  await expect
    .poll(async () => {
      const res = await a.request.get(`/api/articles/${articleId}`);
      const body = (await res.json()) as { revision: { text: string }; annotations: { id: string; start: number; end: number; quote: { exact: string } }[] };
      const tag = body.annotations.find((x) => x.id === id)!;
      return [...body.revision.text].slice(tag.start, tag.end).join("") + "|" + tag.quote.exact;
    })
    .toBe("critics doubted them|critics doubted them");
});

test("a reviewer's approval in the review queue changes the status shown in the open editor", async ({ browser }) => {
  const articleId = servers.articles[next++]!;
  const a = await openOn(browser, servers.one.baseUrl, editor, articleId);
  await selectText(a, "will publish its revision");
  await a.keyboard.press("Control+Alt+1");
  const id = await a.locator(".annotation-claim").first().getAttribute("data-annotation-id");
  await expect(a.getByTestId("save-state")).toHaveText("Saved");

  const r = await openOn(browser, servers.two.baseUrl, reviewer, articleId);
  await r.goto(`/review`);
  const item = r.getByTestId("queue-item").filter({ hasText: "will publish its revision" });
  await expect(item).toHaveCount(1);
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(r.getByTestId("queue-item").filter({ hasText: "will publish its revision" })).toHaveCount(0);

  await expect(a.locator(`[data-annotation-id="${id}"]`)).toHaveAttribute("data-status", "approved");
});

test("restarting one instance mid-session loses nothing", async ({ browser }) => {
  const articleId = servers.articles[next++]!;
  const a = await openOn(browser, servers.one.baseUrl, editor, articleId);
  const b = await openOn(browser, servers.two.baseUrl, SECOND_EDITOR, articleId);
  await caretAfter(b, "in March");
  await b.keyboard.type(" or April", { delay: 10 });
  await expect.poll(() => editorText(a)).toContain("in March or April");

  await servers.two.kill("SIGKILL");
  // Typed while B's instance is down: kept in B's page and sent when it is back.
  await b.keyboard.type(" at the latest", { delay: 10 });
  await caretAfter(a, "The minister said");
  await a.keyboard.type(" on Monday", { delay: 10 });
  await servers.two.start();

  const expectedB = "in March or April at the latest";
  await expect.poll(() => editorText(a), { timeout: 30_000 }).toContain(expectedB);
  await expect.poll(() => editorText(b), { timeout: 30_000 }).toContain("The minister said on Monday");
  await expect.poll(() => serverText(a, articleId)).toBe(await editorText(a));
  expect(await editorText(b)).toBe(await editorText(a));
});
