import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

interface ApiAnnotation {
  id: string;
  kind: string;
  status: string;
  version: number;
  start: number;
  end: number;
  revisionId: string;
  quote: { exact: string };
}

interface ApiArticle {
  revision: { id: string; number: number; text: string; saved: boolean };
  annotations: ApiAnnotation[];
}

async function fetchArticle(page: Page, id: string): Promise<ApiArticle> {
  const res = await page.request.get(`/api/articles/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiArticle;
}

/** Tags some words with a kind through the keyboard and waits until the server has the annotation. */
async function tag(page: Page, words: string, key: "1" | "2" | "3"): Promise<void> {
  await selectText(page, words);
  await page.keyboard.press(`Control+Alt+${key}`);
  await expect(page.locator(".editor-surface .annotation", { hasText: words }).first()).toBeVisible();
  // The server's word, not the bar's: "Saved" can still be on screen from before the key press.
  const id = page.url().split("/articles/")[1]!.split(/[?#]/)[0]!;
  await expect.poll(async () => (await fetchArticle(page, id)).annotations.some((a) => a.quote.exact === words)).toBe(true);
  await expectSaved(page);
}

/** Puts the caret right after some words, as a click there would. */
async function caretAfter(page: Page, words: string): Promise<void> {
  await selectText(page, words);
  await page.keyboard.press("ArrowRight");
  // The browser has moved the caret once the page's selection is collapsed; typing goes where it is.
  await expect.poll(() => page.evaluate(() => window.getSelection()?.isCollapsed ?? false)).toBe(true);
}

/** Saves the text with the shortcut and waits for the new revision. */
async function saveText(page: Page, revision: number): Promise<void> {
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("revision-number")).toContainText(`Revision ${revision}`);
  await expectSaved(page);
}

/** Every highlight in the editor as "kind:words", sorted. */
async function highlights(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const byId = new Map<string, { kind: string; text: string }>();
    for (const el of document.querySelectorAll<HTMLElement>(".editor-surface [data-annotation-id]")) {
      const id = el.dataset.annotationId!;
      const entry = byId.get(id) ?? { kind: el.dataset.kind ?? "", text: "" };
      entry.text += el.textContent ?? "";
      byId.set(id, entry);
    }
    return [...byId.values()].map((e) => `${e.kind}:${e.text}`).sort();
  });
}

async function reviewerPage(browser: Browser): Promise<{ reviewer: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const reviewer = await context.newPage();
  await signIn(reviewer, "reviewer@newsmark.test", "newsmark-reviewer");
  return { reviewer, close: () => context.close() };
}

test.beforeEach(async ({ page }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
});

test("edits inside, before and after annotations move every highlight with its words, through save and reload", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await tag(page, "Steve Witkoff", "3");
  await tag(page, "security guarantees for Ukraine", "1");
  await tag(page, "reportedly", "2");

  // Before an annotation, inside one, and between two.
  await caretAfter(page, "Following the Alaska");
  await page.keyboard.type(" summit");
  await caretAfter(page, "security guarantees");
  await page.keyboard.type(" and aid");
  await selectText(page, "These guarantees ");
  await page.keyboard.press("Backspace");
  // The text reached the server as it was typed; it is not a named revision yet.
  await expect(page.getByTestId("save-state")).toHaveText("Saved · not a revision yet");
  await expect.poll(async () => (await fetchArticle(page, id)).revision.text).toContain("Following the Alaska summit meeting");
  await expect.poll(() => highlights(page)).toEqual(["attribution:Steve Witkoff", "claim:security guarantees and aid for Ukraine", "hedge:reportedly"]);

  await saveText(page, 2);
  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  await expect(page.getByTestId("revision-number")).toContainText("Revision 2");
  await expect(page.locator(".editor-surface")).toContainText("Following the Alaska summit meeting");
  await expect.poll(() => highlights(page)).toEqual(["attribution:Steve Witkoff", "claim:security guarantees and aid for Ukraine", "hedge:reportedly"]);

  const { revision, annotations } = await fetchArticle(page, id);
  expect(revision.number).toBe(2);
  for (const a of annotations) {
    expect(a.revisionId).toBe(revision.id);
    expect([...revision.text].slice(a.start, a.end).join("")).toBe(a.quote.exact);
  }
});

test("typing inside a highlight changes its words in place, and undo takes the typing back", async ({ page }) => {
  await openFreshSampleArticle(page);
  await tag(page, "security guarantees for Ukraine", "1");
  const highlight = page.locator('.editor-surface .annotation-claim[data-annotation-id]', { hasText: "security guarantees" });
  // A property on the element itself: it is gone if the editor rebuilds the highlight instead of
  // changing its text, which made each keystroke in annotated text lay the paragraph out again.
  await highlight.evaluate((el) => Object.assign(el, { keptForTest: true }));

  await caretAfter(page, "security guarantees");
  await page.keyboard.type(" and aid");
  await expect(highlight).toHaveText("security guarantees and aid for Ukraine");
  expect(await highlight.evaluate((el) => (el as unknown as { keptForTest?: boolean }).keptForTest === true)).toBe(true);
  await expect(page.locator(".editor-surface")).toContainText("security guarantees and aid for Ukraine");
  await expect(page.getByTestId("save-state")).toHaveText("Saved · not a revision yet");

  await page.keyboard.press("Control+z");
  await expect.poll(() => highlights(page)).toEqual(["claim:security guarantees for Ukraine"]);
  await expect(page.locator(".editor-surface")).not.toContainText("and aid");
});

test("a character typed before the editor has read a moved caret lands at the caret, not over the old selection", async ({ page }) => {
  await openFreshSampleArticle(page);
  await tag(page, "Steve Witkoff", "3");
  await selectText(page, "Steve Witkoff");
  // In one task, as when the browser handles a key before its selectionchange event: the caret moves
  // to the end of the highlight's words, and the next character's input arrives at once.
  const handled = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector(".editor-surface")!, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && !node.textContent!.includes("Steve Witkoff")) node = walker.nextNode();
    if (!node) throw new Error("no text node holds the highlight's words");
    window.getSelection()!.collapse(node, node.textContent!.indexOf("Steve Witkoff") + "Steve Witkoff".length);
    const input = new InputEvent("beforeinput", { inputType: "insertText", data: ",", bubbles: true, cancelable: true });
    return !node.parentElement!.dispatchEvent(input);
  });
  expect(handled).toBe(true);
  await expect(page.locator(".editor-surface")).toContainText("US special envoy Steve Witkoff, stated");
  await expect.poll(() => highlights(page)).toEqual(["attribution:Steve Witkoff"]);
});

test("a tag shortcut pressed before the editor has read a moved selection tags the words selected on the page", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await selectText(page, "security guarantees");
  // In one task, as when the browser handles keys before its selectionchange event: the selection
  // moves to other words, and Ctrl+Alt+1 arrives at once.
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector(".editor-surface")!, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && !node.textContent!.includes("Steve Witkoff")) node = walker.nextNode();
    if (!node) throw new Error("no text node holds the words");
    const start = node.textContent!.indexOf("Steve Witkoff");
    window.getSelection()!.setBaseAndExtent(node, start, node, start + "Steve Witkoff".length);
    node.parentElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "1", code: "Digit1", ctrlKey: true, altKey: true, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => highlights(page)).toEqual(["claim:Steve Witkoff"]);
  await expectSaved(page);
  expect((await fetchArticle(page, id)).annotations.map((a) => a.quote.exact)).toEqual(["Steve Witkoff"]);
});

test("Steve → Steven Witkoff keeps an approved attribution on the new words and sends it back to review with both quotes", async ({ page, browser }) => {
  test.setTimeout(90_000); // Two users and a reload.
  const id = await openFreshSampleArticle(page);
  await tag(page, "Steve Witkoff", "3");
  // "Saved" can still be on screen from before the tag's request starts: wait for the server to have it.
  await expect.poll(async () => (await fetchArticle(page, id)).annotations.length).toBe(1);
  const [attribution] = (await fetchArticle(page, id)).annotations;
  const { reviewer, close } = await reviewerPage(browser);
  const approved = await reviewer.request.post(`/api/annotations/${attribution!.id}/review`, { data: { version: attribution!.version, decision: "approve" } });
  expect(approved.status()).toBe(200);

  await page.reload();
  const highlight = page.locator('.editor-surface [data-kind="attribution"]');
  await expect(highlight).toHaveAttribute("data-status", "approved");
  await caretAfter(page, "Steve");
  await page.keyboard.type("n");
  await expect(highlight).toHaveText("Steven Witkoff");
  // Back to review as the changed words reach the server, before anyone saves a revision.
  await expect(highlight).toHaveAttribute("data-status", "pending");
  await saveText(page, 2);

  const after = (await fetchArticle(page, id)).annotations.find((a) => a.id === attribution!.id)!;
  expect(after).toMatchObject({ status: "pending", quote: { exact: "Steven Witkoff" } });
  const history = (await (await page.request.get(`/api/annotations/${attribution!.id}/history`)).json()) as Array<{
    action: string;
    before: { quote?: string } | null;
    after: { quote?: string } | null;
  }>;
  expect(history.find((h) => h.action === "annotation.reanchor")).toMatchObject({ before: { quote: "Steve Witkoff" }, after: { quote: "Steven Witkoff" } });

  await reviewer.goto(`/review?articleId=${id}`);
  const item = reviewer.getByTestId("queue-item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Steven Witkoff");
  await expect(item).toContainText("Steve Witkoff");
  await close();
});

test("deleting a paragraph orphans its claim, lists it with its old quote, and it can be re-attached by selecting text", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const id = await openFreshSampleArticle(page);
  const paragraph =
    "Putin reiterated his long-held narrative blaming the West for the conflict, describing the crisis as a result of a 2014 coup in Ukraine supported by Western powers and accusing the West of trying to drag Ukraine into NATO.";
  await tag(page, "a 2014 coup in Ukraine", "1");
  await selectText(page, paragraph);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await expect(page.locator(".editor-surface")).not.toContainText("2014 coup");
  await expect.poll(() => highlights(page)).toEqual([]);
  await saveText(page, 2);
  await expect(page.getByRole("alert").filter({ hasText: "orphaned" })).toBeVisible();

  const orphans = page.getByRole("region", { name: "Orphaned annotations" });
  await expect(orphans).toContainText("a 2014 coup in Ukraine");
  const [claim] = (await fetchArticle(page, id)).annotations;
  expect(claim).toMatchObject({ status: "orphaned", quote: { exact: "a 2014 coup in Ukraine" } });

  // Listed for review, and attached to no other text.
  const { reviewer, close } = await reviewerPage(browser);
  await reviewer.goto(`/review?articleId=${id}`);
  await expect(reviewer.getByTestId("queue-item")).toContainText("a 2014 coup in Ukraine");
  await close();
  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  expect(await highlights(page)).toEqual([]);

  await selectText(page, "Western proposals");
  await orphans.getByRole("button", { name: "Re-attach to selection" }).click();
  await expect.poll(() => highlights(page)).toEqual(["claim:Western proposals"]);
  await expectSaved(page);
  await page.reload();
  await expect.poll(() => highlights(page)).toEqual(["claim:Western proposals"]);
  const reattached = (await fetchArticle(page, id)).annotations[0]!;
  expect(reattached).toMatchObject({ status: "pending", quote: { exact: "Western proposals" } });
});

test("undo brings back an annotation whose words were deleted, and unsaved text survives a reload", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await tag(page, "Steve Witkoff", "3");
  await selectText(page, "US special envoy Steve Witkoff ");
  await page.keyboard.press("Backspace");
  await expect.poll(() => highlights(page)).toEqual([]);
  await page.keyboard.press("Control+z");
  await expect.poll(() => highlights(page)).toEqual(["attribution:Steve Witkoff"]);

  await caretAfter(page, "Steve Witkoff");
  await page.keyboard.type(", in Moscow,");
  // Not a revision yet, but on the server already: a reload loses nothing.
  await expect(page.getByTestId("save-state")).toHaveText("Saved · not a revision yet");
  await expect.poll(async () => (await fetchArticle(page, id)).revision.text).toContain("Steve Witkoff, in Moscow, stated");
  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  await expect(page.locator(".editor-surface")).toContainText("Steve Witkoff, in Moscow, stated");
  await expect(page.getByTestId("save-state")).toHaveText("Saved · not a revision yet");
  await expect.poll(() => highlights(page)).toEqual(["attribution:Steve Witkoff"]);
  await page.getByRole("button", { name: "Save text" }).click();
  await expect(page.getByTestId("revision-number")).toContainText("Revision 2");
  await expectSaved(page);
  const { revision } = await fetchArticle(page, id);
  expect(revision).toMatchObject({ number: 2, saved: true });
  expect(revision.text).toContain("Steve Witkoff, in Moscow, stated");
});

test("two people correcting the text at once both keep their words, and a save names the shared text a revision", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const id = await openFreshSampleArticle(page);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, "admin@newsmark.test", "newsmark-admin");
  await other.goto(`/articles/${id}`);
  await expect(other.locator(".editor-mount[data-ready=true]")).toBeVisible();

  await caretAfter(page, "Steve Witkoff");
  await page.keyboard.type(" (first edit)");
  await saveText(page, 2);
  // The other window has the first edit without a reload, and types next to it.
  await expect(other.locator(".editor-surface")).toContainText("Steve Witkoff (first edit) stated");
  await caretAfter(other, "(first edit)");
  await other.keyboard.type(" (second edit)");
  await other.keyboard.press("Control+s");
  await expect(other.getByTestId("revision-number")).toContainText("Revision 3");
  await expect(other.getByTestId("save-state")).toHaveText("Saved");
  await expect(page.locator(".editor-surface")).toContainText("Steve Witkoff (first edit) (second edit) stated");

  const { revision } = await fetchArticle(page, id);
  expect(revision).toMatchObject({ number: 3, saved: true });
  expect(revision.text).toContain("Steve Witkoff (first edit) (second edit) stated");
  await other.context().close();
});

test("pasted HTML goes through the article schema: its words arrive, its scripts and handlers do not", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await caretAfter(page, "defend each other if attacked.");
  await page.keyboard.press("Enter");
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData(
      "text/html",
      '<p>Pasted <b>words</b> here.</p><script>window.pastedScriptRan = true</script><img src=x onerror="window.pastedScriptRan = true"><iframe src="javascript:alert(1)"></iframe>',
    );
    data.setData("text/plain", "Pasted words here.");
    document.querySelector(".editor-surface")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.locator(".editor-surface p", { hasText: "Pasted words here." })).toHaveText("Pasted words here.");
  expect(await page.locator(".editor-surface script, .editor-surface img, .editor-surface iframe, .editor-surface [onerror]").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pastedScriptRan?: boolean }).pastedScriptRan ?? false)).toBe(false);
  await saveText(page, 2);
  expect((await fetchArticle(page, id)).revision.text).toContain("if attacked.\n\nPasted words here.\n\nTrump had set");
  expect(dialogs).toBe(0);
});
