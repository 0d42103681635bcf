import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { splitTitle } from "../../lib/import/plain-text";

const sample = readFileSync(new URL("../../prisma/seed/sample-article.txt", import.meta.url), "utf8");

/** Imports a private copy of the sample article through the API and opens it in the editor. */
export async function openFreshSampleArticle(page: Page): Promise<string> {
  const { title, body } = splitTitle(sample);
  const res = await page.request.post("/api/articles", {
    data: { title: `${title} (${Date.now()}-${Math.random().toString(36).slice(2, 6)})`, format: "text", content: body },
  });
  expect(res.status()).toBe(201);
  const { article } = (await res.json()) as { article: { id: string } };
  await page.goto(`/articles/${article.id}`);
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  return article.id;
}

/** Selects the n-th occurrence of some words in the editor, as a user dragging the mouse would. */
export async function selectText(page: Page, text: string, occurrence = 0): Promise<void> {
  await page.locator(".editor-surface").focus();
  await page.evaluate(
    ({ text, occurrence }) => {
      const root = document.querySelector(".editor-surface")!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; start: number }[] = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, start: all.length });
        all += n.textContent ?? "";
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = all.indexOf(text, at + 1);
      if (at < 0) throw new Error(`"${text}" not found in the editor`);
      const locate = (offset: number, end: boolean) => {
        const hit = nodes.findLast((x) => (end ? x.start < offset : x.start <= offset))!;
        return { node: hit.node, offset: offset - hit.start };
      };
      const a = locate(at, false);
      const b = locate(at + text.length, true);
      const range = document.createRange();
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { text, occurrence },
  );
  // The page holds the selection once its text is the words; keys act on it even before ProseMirror
  // has read it (lib/editor/page-selection.ts).
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe(text);
}

/** Waits for every change to reach the server. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
}
