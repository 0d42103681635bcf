import { readFileSync } from "node:fs";
import { expect, test, type Download } from "@playwright/test";
import { signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

const read = async (download: Download) => readFileSync((await download.path())!, "utf8");

test("an article exports as Newsmark JSON and W3C from its page, and as JSON Lines from the list", async ({ page }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const id = await openFreshSampleArticle(page);
  await selectText(page, "security guarantees for Ukraine");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JSON", exact: true }).click()]);
  const exported = JSON.parse(await read(json)) as { format: string; text: string; annotations: { start: number; end: number; quote: { exact: string } }[] };
  expect(exported.format).toBe("newsmark.article");
  expect(exported.annotations.map((a) => a.quote.exact)).toEqual(["security guarantees for Ukraine"]);
  const a = exported.annotations[0]!;
  expect([...exported.text].slice(a.start, a.end).join("")).toBe(a.quote.exact);

  const [w3c] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "W3C" }).click()]);
  const collection = JSON.parse(await read(w3c)) as { type: string[] | string; total: number };
  expect(collection.type).toContain("AnnotationCollection");
  expect(collection.total).toBeGreaterThanOrEqual(1);

  await page.goto("/");
  await page.locator(`input[name=ids][value="${id}"]`).check();
  const [jsonl] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export as JSON Lines" }).click()]);
  const lines = (await read(jsonl)).trim().split("\n");
  expect(lines).toHaveLength(1);
  expect((JSON.parse(lines[0]!) as { article: { id: string } }).article.id).toBe(id);
});
