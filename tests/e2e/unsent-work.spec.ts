import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_USERS, signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

const editor = DEMO_USERS.find((u) => u.role === "editor")!;
const reviewer = DEMO_USERS.find((u) => u.role === "reviewer")!;
const ANNOTATIONS = "**/api/articles/*/annotations";

interface ApiAnnotation {
  id: string;
  kind: string;
  quote: { exact: string };
  createdBy: { id: string; name: string };
}

/**
 * A read through the page's own fetch, with the signed-in user's cookie. The browser, unlike a bare
 * HTTP client, retries a request whose kept-alive connection the server closed as it was reused.
 */
async function getJson<T>(page: Page, url: string): Promise<T> {
  const { status, body } = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as unknown };
  }, url);
  expect(status, url).toBe(200);
  return body as T;
}

/** How many pages' unsent text the browser keeps (entries of the shared storage). */
const storedTextEntries = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("newsmark:steps:")).length);

/** The article's live text as the server has it. */
const serverText = async (page: Page, articleId: string): Promise<string> => (await getJson<{ revision: { text: string } }>(page, `/api/articles/${articleId}`)).revision.text;

async function annotationsOf(page: Page, articleId: string): Promise<ApiAnnotation[]> {
  return (await getJson<{ annotations: ApiAnnotation[] }>(page, `/api/articles/${articleId}`)).annotations;
}

/** Waits until the server holds exactly these annotations (quote and author), in any order. */
async function expectOnServer(page: Page, articleId: string, expected: Array<[string, string]>): Promise<void> {
  const sorted = (list: Array<[string, string]>) => [...list].sort((a, b) => a[0].localeCompare(b[0]));
  await expect.poll(async () => sorted((await annotationsOf(page, articleId)).map((a) => [a.quote.exact, a.createdBy.id]))).toEqual(sorted(expected));
}

async function myId(page: Page): Promise<string> {
  return (await getJson<{ id: string }>(page, "/api/me")).id;
}

async function openArticle(page: Page, articleId: string): Promise<void> {
  await page.goto(`/articles/${articleId}`);
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
}

/** The editor signed in, a fresh copy of the sample article open in `page` and in a second tab of the same browser. */
async function editorInTwoTabs(page: Page, context: BrowserContext): Promise<{ articleId: string; second: Page }> {
  await signIn(page, editor.email, editor.password);
  const articleId = await openFreshSampleArticle(page);
  const second = await context.newPage();
  await openArticle(second, articleId);
  return { articleId, second };
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Tags the words as an attribution with the shortcut. */
async function tagAttribution(page: Page, words: string): Promise<void> {
  await selectText(page, words);
  await page.keyboard.press("Control+Alt+3");
  await expect(page.locator('.editor-surface [data-kind="attribution"]', { hasText: words })).toHaveText(words);
}

/** Every annotation create the pages of a browser context send, as the server would receive it. */
function recordCreates(context: BrowserContext): Array<{ body: { id?: string; from?: number; to?: number }; author: string | undefined }> {
  const sent: Array<{ body: { id?: string }; author: string | undefined }> = [];
  context.on("request", (req) => {
    if (req.method() === "POST" && /^\/api\/articles\/[^/]+\/annotations$/.test(new URL(req.url()).pathname)) {
      sent.push({ body: req.postDataJSON() as { id?: string }, author: req.headers()["x-newsmark-author"] });
    }
  });
  return sent;
}

test("an editor's unsent tag is never sent under the reviewer who signs in next, and is saved as the editor's when they return", async ({ page, context }) => {
  // Three sign-ins and three article loads.
  test.setTimeout(90_000);
  await signIn(page, editor.email, editor.password);
  const editorId = await myId(page);
  const articleId = await openFreshSampleArticle(page);
  await page.route(ANNOTATIONS, (route) => route.abort("internetdisconnected"));
  await tagAttribution(page, "Emmanuel Macron");
  await expect(page.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");
  await signOut(page);

  // From here on the network works: anything the reviewer's page sent would reach the server.
  await page.unroute(ANNOTATIONS);
  const sent = recordCreates(context);
  await signIn(page, reviewer.email, reviewer.password);
  const reviewerId = await myId(page);
  await openArticle(page, articleId);
  await expect(page.getByTestId("others-unsent")).toContainText("Someone else who used this browser has unsaved work on this article");
  await expect(page.locator('.editor-surface [data-kind="attribution"]')).toHaveCount(0);
  // The reviewer's own tag goes through the page's sync queue, which sends in order: once it is
  // saved, anything queued before it in this page would have been sent as well.
  await tagAttribution(page, "Steve Witkoff");
  await expectSaved(page);
  const whileReviewer = await annotationsOf(page, articleId);
  expect(whileReviewer.map((a) => [a.quote.exact, a.createdBy.id])).toEqual([["Steve Witkoff", reviewerId]]);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ body: { id: whileReviewer[0]!.id }, author: reviewerId });
  await signOut(page);

  await signIn(page, editor.email, editor.password);
  await openArticle(page, articleId);
  await expect(page.locator('.editor-surface [data-kind="attribution"]', { hasText: "Emmanuel Macron" })).toHaveText("Emmanuel Macron");
  await expectOnServer(page, articleId, [
    ["Steve Witkoff", reviewerId],
    ["Emmanuel Macron", editorId],
  ]);
  await expectSaved(page);
  const after = await annotationsOf(page, articleId);
  const macron = after.find((a) => a.quote.exact === "Emmanuel Macron");
  expect(macron?.createdBy.id).toBe(editorId);
  expect(after.filter((a) => a.createdBy.id === reviewerId).map((a) => a.quote.exact)).toEqual(["Steve Witkoff"]);
  expect(sent.filter((s) => s.body.id === macron!.id).map((s) => s.author)).toEqual([editorId]);
  await expect(page.getByTestId("others-unsent")).toHaveCount(0);
});

test("an open tab whose session changes to another user stops sending and keeps the change for its author", async ({ page, context }) => {
  test.setTimeout(90_000);
  await signIn(page, editor.email, editor.password);
  const editorId = await myId(page);
  const articleId = await openFreshSampleArticle(page);
  await page.route(ANNOTATIONS, (route) => route.abort("internetdisconnected"));
  await tagAttribution(page, "Emmanuel Macron");
  await expect(page.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");

  // In another tab the editor signs out and the reviewer signs in: the cookie the open tab sends is now the reviewer's.
  const other = await context.newPage();
  await other.goto("/");
  await signOut(other);
  await signIn(other, reviewer.email, reviewer.password);

  await page.unroute(ANNOTATIONS);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByTestId("save-state")).toHaveText("Not sent: sign in again (1 change kept)");
  expect(await annotationsOf(other, articleId)).toEqual([]);

  // The editor signs in again and reloads the page: the change is saved as theirs.
  await signOut(other);
  await signIn(other, editor.email, editor.password);
  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  await expectOnServer(page, articleId, [["Emmanuel Macron", editorId]]);
  await expectSaved(page);
});

test("two tabs of one editor tag different spans while offline; when one closes the other takes its change over, and both are saved", async ({ page, context }) => {
  await signIn(page, editor.email, editor.password);
  const editorId = await myId(page);
  const articleId = await openFreshSampleArticle(page);
  const second = await context.newPage();
  await openArticle(second, articleId);

  await context.setOffline(true);
  await tagAttribution(page, "Emmanuel Macron");
  await tagAttribution(second, "Steve Witkoff");
  await expect(page.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");
  await expect(second.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");

  await page.close();
  await expect(second.getByTestId("save-state")).toHaveText("Offline: 2 changes not saved yet");
  await expect(second.locator('.editor-surface [data-kind="attribution"]', { hasText: "Emmanuel Macron" })).toHaveText("Emmanuel Macron");

  await context.setOffline(false);
  await expectSaved(second);
  const saved = await annotationsOf(second, articleId);
  expect(saved.map((a) => a.quote.exact).sort()).toEqual(["Emmanuel Macron", "Steve Witkoff"]);
  for (const a of saved) expect(a.createdBy.id).toBe(editorId);
});

test("two tabs of one editor tag different spans while offline, then come online: both are saved, and neither tab's stored changes replaced the other's", async ({
  page,
  context,
}) => {
  const { articleId, second } = await editorInTwoTabs(page, context);

  await context.setOffline(true);
  await tagAttribution(page, "Emmanuel Macron");
  await tagAttribution(second, "Steve Witkoff");
  await expect(page.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");
  await expect(second.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");
  // Both changes are in the browser's storage, each under its own tab.
  const stored = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("newsmark:sync:"))
      .map((key) => (JSON.parse(localStorage.getItem(key)!) as unknown[]).length),
  );
  expect(stored).toEqual([1, 1]);

  await context.setOffline(false);
  await expectSaved(page);
  await expectSaved(second);
  expect((await annotationsOf(page, articleId)).map((a) => a.quote.exact).sort()).toEqual(["Emmanuel Macron", "Steve Witkoff"]);
});

test("two tabs' unsent tags both reach the server when both tabs closed offline and the article is opened again", async ({ page, context }) => {
  const { articleId, second } = await editorInTwoTabs(page, context);

  await context.setOffline(true);
  await tagAttribution(page, "Emmanuel Macron");
  await tagAttribution(second, "Steve Witkoff");
  await expect(second.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");
  await page.close();
  await second.close();
  await context.setOffline(false);

  const third = await context.newPage();
  await openArticle(third, articleId);
  await expect(third.locator('.editor-surface [data-kind="attribution"]')).toHaveCount(2);
  const editorId = await myId(third);
  await expectOnServer(third, articleId, [
    ["Emmanuel Macron", editorId],
    ["Steve Witkoff", editorId],
  ]);
  await expectSaved(third);
});

test("unsent work stored by an earlier version, whose author is unknown, is set aside with a notice and never sent", async ({ page, context }) => {
  await signIn(page, editor.email, editor.password);
  const articleId = await openFreshSampleArticle(page);
  const oldId = "00000000-0000-4000-8000-000000000001";
  await page.evaluate(
    ({ articleId, oldId }) => localStorage.setItem(`newsmark:sync:${articleId}`, JSON.stringify([{ type: "create", id: oldId, body: { kind: "claim", from: 1, to: 9 } }])),
    { articleId, oldId },
  );
  const sent = recordCreates(context);
  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  const notice = page.getByTestId("unowned-unsent");
  await expect(notice).toContainText("This browser holds 1 unsent change for this article from an earlier version of Newsmark");
  await expect(page.locator(`.editor-surface [data-annotation-id="${oldId}"]`)).toHaveCount(0);

  await tagAttribution(page, "Steve Witkoff");
  await expectSaved(page);
  expect((await annotationsOf(page, articleId)).map((a) => a.quote.exact)).toEqual(["Steve Witkoff"]);
  expect(sent.map((s) => s.body.id)).not.toContain(oldId);

  await notice.getByRole("button", { name: "Discard them" }).click();
  await expect(notice).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes(":unowned:")))).toEqual([]);
});

/** Puts the caret just after some words, as a click there would. */
async function caretAfter(page: Page, words: string): Promise<void> {
  await selectText(page, words);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => page.evaluate(() => window.getSelection()?.isCollapsed ?? false)).toBe(true);
}

test("text typed in two tabs reaches the server from each, and each tab shows the other's", async ({ page, context }) => {
  test.setTimeout(60_000);
  const { articleId, second } = await editorInTwoTabs(page, context);

  await caretAfter(page, "Steve Witkoff");
  await page.keyboard.type(" (first tab)");
  // The second tab gets the first tab's words without a reload, and types after them.
  await expect(second.locator(".editor-surface")).toContainText("Steve Witkoff (first tab)");
  await caretAfter(second, "(first tab)");
  await second.keyboard.type(" (second tab)");
  const both = "Steve Witkoff (first tab) (second tab)";
  await expect(page.locator(".editor-surface")).toContainText(both);
  await expect(second.locator(".editor-surface")).toContainText(both);
  await expect.poll(() => serverText(page, articleId)).toContain(both);
  // Nothing is left waiting in the browser: no drafts, no unsent steps.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("newsmark:draft:") || key.startsWith("newsmark:steps:")))).toEqual([]);
});

test("text typed while the server cannot be reached survives a reload and is sent when it can", async ({ page, context }) => {
  test.setTimeout(60_000);
  await signIn(page, editor.email, editor.password);
  const articleId = await openFreshSampleArticle(page);
  // The steps route is unreachable: the text stays in the page and in its storage.
  await context.route("**/api/articles/*/steps**", (route) => route.abort("connectionrefused"));
  await caretAfter(page, "Steve Witkoff");
  await page.keyboard.type(" (typed offline)");
  await expect(page.getByTestId("save-state")).toContainText("Offline");
  await expect.poll(() => storedTextEntries(page)).toBe(1);
  await page.close();

  await context.unroute("**/api/articles/*/steps**");
  const again = await context.newPage();
  await openArticle(again, articleId);
  await expect(again.locator(".editor-surface")).toContainText("Steve Witkoff (typed offline)");
  await expect.poll(() => serverText(again, articleId)).toContain("Steve Witkoff (typed offline)");
  await expect.poll(() => storedTextEntries(again)).toBe(0);
});

test("text two tabs of one editor typed while the server could not be reached, both closed, all arrives when the article is opened again", async ({ page, context }) => {
  test.setTimeout(60_000);
  const { articleId, second } = await editorInTwoTabs(page, context);
  await context.route("**/api/articles/*/steps**", (route) => route.abort("connectionrefused"));
  await caretAfter(page, "Steve Witkoff");
  await page.keyboard.type(" (first tab)");
  await caretAfter(second, "Emmanuel Macron");
  await second.keyboard.type(" (second tab)");
  await expect(page.getByTestId("save-state")).toContainText("Offline");
  await expect(second.getByTestId("save-state")).toContainText("Offline");
  // Each tab keeps its own: neither overwrote the other's.
  await expect.poll(() => storedTextEntries(page)).toBe(2);
  await page.close();
  await second.close();

  await context.unroute("**/api/articles/*/steps**");
  const again = await context.newPage();
  await openArticle(again, articleId);
  for (const words of ["Steve Witkoff (first tab)", "Emmanuel Macron (second tab)"]) await expect(again.locator(".editor-surface")).toContainText(words);
  await expect
    .poll(async () => {
      const text = await serverText(again, articleId);
      return [text.includes("Steve Witkoff (first tab)"), text.includes("Emmanuel Macron (second tab)"), text.split("(first tab)").length - 1, text.split("(second tab)").length - 1];
    })
    .toEqual([true, true, 1, 1]);
  await expect.poll(() => storedTextEntries(again)).toBe(0);
});

test("text a tab could not send is taken over by the editor's other open tab when it closes, and sent from there", async ({ page, context }) => {
  test.setTimeout(60_000);
  const { articleId, second } = await editorInTwoTabs(page, context);
  // Only the second tab cannot reach the server.
  await second.route("**/api/articles/*/steps**", (route) => route.abort("connectionrefused"));
  await caretAfter(second, "Emmanuel Macron");
  await second.keyboard.type(" (closed tab)");
  await expect(second.getByTestId("save-state")).toContainText("Offline");
  await expect.poll(() => storedTextEntries(page)).toBe(1);
  await expect(page.locator(".editor-surface")).not.toContainText("(closed tab)");
  await second.close();

  // The first tab, still open, replays the closed tab's text and sends it.
  await expect(page.locator(".editor-surface")).toContainText("Emmanuel Macron (closed tab)");
  await expect
    .poll(async () => (await serverText(page, articleId)).split("Emmanuel Macron (closed tab)").length - 1)
    .toBe(1);
  await expect.poll(() => storedTextEntries(page)).toBe(0);
  await expect(page.getByTestId("save-state")).toHaveText("Saved · not a revision yet");
});
