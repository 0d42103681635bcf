import { expect, type Browser, type Page } from "@playwright/test";
import { selectText } from "../e2e/editor-helpers";

/** A signed-in browser window on one instance, with the article open in the editor. */
export async function openOn(browser: Browser, baseURL: string, who: { email: string; password: string }, articleId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await page.goto(`/articles/${articleId}`);
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  return page;
}

/** The text in a window's editor, paragraphs joined as the API joins them (other people's caret labels left out). */
export const editorText = (page: Page) =>
  page.locator(".editor-surface").evaluate((el) =>
    [...el.querySelectorAll("p")]
      .map((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        copy.querySelectorAll(".remote-caret").forEach((caret) => caret.remove());
        return copy.textContent;
      })
      .join("\n\n"),
  );

/** The article's text as the API gives it (the live text, from the shared database). */
export async function serverText(page: Page, articleId: string): Promise<string> {
  const res = await page.request.get(`/api/articles/${articleId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { revision: { text: string } }).revision.text;
}

/** Puts the caret right after some words, as a click there would. */
export async function caretAfter(page: Page, words: string): Promise<void> {
  await selectText(page, words);
  await page.keyboard.press("ArrowRight");
}

