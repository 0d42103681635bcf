import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, signIn } from "./demo-users";

const WITKOFF = "Following the Alaska meeting, US special envoy Steve Witkoff stated that Putin had agreed to security guarantees for Ukraine.";
const CLAIM = "Officials in Kyiv said the guarantees were, as yet, unconfirmed and that talks would continue next week.";
const THIRD = "Markets in Europe rose slightly on the news, while analysts urged caution about the timeline.";

/** A ProseMirror document of plain paragraphs, as the editor would send it. */
const docOf = (paragraphs: string[]) => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

/** Saves paragraphs as the article's next revision through the API and returns its id. */
async function saveRevision(page: Page, articleId: string, baseRevisionId: string, paragraphs: string[]): Promise<string> {
  const res = await page.request.post(`/api/articles/${articleId}/revisions`, { data: { baseRevisionId, doc: docOf(paragraphs) } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { revision: { id: string } }).revision.id;
}

test("the history page shows a correction word by word and what became of each annotation", async ({ page }) => {
  const editor = DEMO_USERS.find((u) => u.role === "editor")!;
  await signIn(page, editor.email, editor.password);
  const created = await page.request.post("/api/articles", {
    data: { title: `Corrected envoy story (${Date.now()})`, format: "text", content: [WITKOFF, CLAIM, THIRD].join("\n\n") },
  });
  expect(created.status()).toBe(201);
  const { article, revision } = (await created.json()) as { article: { id: string }; revision: { id: string } };
  for (const [kind, exact] of [
    ["attribution", "Steve Witkoff"],
    ["claim", "the guarantees were, as yet, unconfirmed"],
    ["hedge", "urged caution"],
    ["claim", "the Alaska meeting"],
  ]) {
    const res = await page.request.post(`/api/articles/${article.id}/annotations`, { data: { revisionId: revision.id, kind, quote: { exact } } });
    expect(res.status()).toBe(201);
  }

  await page.goto(`/articles/${article.id}/history`);
  await expect(page.getByRole("heading", { name: "Revision history" })).toBeVisible();
  await expect(page.getByText("No corrections yet")).toBeVisible();

  const second = await saveRevision(page, article.id, revision.id, [WITKOFF.replace("Steve Witkoff", "Steven Witkoff"), THIRD]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Revision 1 → revision 2" })).toBeVisible();
  const revisionRow = page.getByTestId("revision-2");
  for (const count of ["1 kept", "1 moved", "1 changed", "1 orphaned"]) await expect(revisionRow).toContainText(count);

  const diff = page.getByTestId("word-diff");
  await expect(diff.locator("del").filter({ hasText: /^\[deleted: Steve\]$/ })).toBeVisible();
  await expect(diff.locator("ins").filter({ hasText: /^\[inserted: Steven\]$/ })).toBeVisible();
  await expect(diff.locator("del").filter({ hasText: "Officials in Kyiv" })).toBeVisible();
  // Struck through and underlined, not only coloured.
  await expect(diff.locator("del").first()).toHaveCSS("text-decoration-line", "line-through");
  await expect(diff.locator("ins").first()).toHaveCSS("text-decoration-line", "underline");

  const outcomes = page.getByTestId("annotation-outcomes");
  const row = (words: string) => outcomes.getByRole("row").filter({ hasText: words });
  await expect(row("Steve Witkoff")).toContainText("Changed");
  await expect(row("Steve Witkoff")).toContainText("Steven Witkoff");
  await expect(row("the guarantees were")).toContainText("Orphaned");
  await expect(row("the guarantees were")).toContainText("no longer in the text");
  await expect(row("urged caution")).toContainText("Moved");
  await expect(row("the Alaska meeting")).toContainText("Kept");

  // A second correction; the selectors then compare the original with it.
  await saveRevision(page, article.id, second, [THIRD, WITKOFF.replace("Steve Witkoff", "Steven Witkoff")]);
  await page.reload();
  await page.getByLabel("Older revision").selectOption("1");
  await page.getByLabel("Newer revision").selectOption("3");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/from=1&to=3/);
  await expect(page.getByRole("heading", { name: "Revision 1 → revision 3" })).toBeVisible();
  await expect(row("the Alaska meeting")).toContainText("Moved");
  await expect(row("Steve Witkoff")).toContainText("Changed");
});
