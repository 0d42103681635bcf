import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
});

interface ApiArticle {
  article: { title: string };
  annotations: { id: string; kind: string; quote: { exact: string }; links: { type: string; targetId: string }[] }[];
}

async function fetchArticle(page: Page, id: string): Promise<ApiArticle> {
  const res = await page.request.get(`/api/articles/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiArticle;
}

const CLAIM = "Putin had agreed to security guarantees for Ukraine";
const SOURCE = "US special envoy Steve Witkoff";

/** Tags the claim and the attribution of the Witkoff sentence and links them in the details panel. */
async function linkWitkoff(page: Page): Promise<void> {
  await selectText(page, CLAIM);
  await page.keyboard.press("Control+Alt+1");
  await selectText(page, SOURCE);
  await page.keyboard.press("Control+Alt+3");
  await page.locator('.editor-surface [data-kind="attribution"]').click();
  await page.getByLabel("Attributes the claim").selectOption({ label: CLAIM });
  await page.getByRole("button", { name: "Add link", exact: true }).click();
  await expectSaved(page);
}

test("remove a link with its button, undo brings it back, and the server agrees after a reload", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await linkWitkoff(page);
  const linksOfSource = async () => (await fetchArticle(page, id)).annotations.find((a) => a.kind === "attribution")!.links;
  const claimId = (await fetchArticle(page, id)).annotations.find((a) => a.kind === "claim")!.id;
  expect(await linksOfSource()).toEqual([{ type: "attributes", targetId: claimId }]);
  await expect(page.getByTestId("unattributed-claims")).toHaveCount(0);

  const remove = page.getByRole("button", { name: `Remove link to “${CLAIM}”` });
  await remove.click();
  await expect(remove).toHaveCount(0);
  await expect(page.getByTestId("unattributed-claims")).toHaveText("1 claim without attribution");
  await expect(page.locator(".editor-message")).toContainText("Link removed");
  await expectSaved(page);
  expect(await linksOfSource()).toEqual([]);

  await page.keyboard.press("Control+z");
  await expect(remove).toBeVisible();
  await expect(page.getByTestId("unattributed-claims")).toHaveCount(0);
  await expectSaved(page);
  expect(await linksOfSource()).toEqual([{ type: "attributes", targetId: claimId }]);

  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  await page.locator('.editor-surface [data-kind="attribution"]').click();
  await expect(page.getByRole("button", { name: `Remove link to “${CLAIM}”` })).toBeVisible();
  await expect(page.getByTestId("unattributed-claims")).toHaveCount(0);

  // The history tells both.
  await page.getByRole("button", { name: "Show history" }).click();
  await expect(page.getByTestId("annotation-history")).toContainText("unlinked");
});

test("the unattributed-claims filter and Alt+Shift+↓ in the editor; the count and filter on the article list", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await linkWitkoff(page);
  await selectText(page, "the details remain vague");
  await page.keyboard.press("Control+Alt+1");
  await selectText(page, "These guarantees reportedly involve the US and Europe");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);
  await expect(page.getByTestId("unattributed-claims")).toHaveText("2 claims without attribution");

  const entries = page.locator(".annotation-list [data-entry-id]");
  await expect(entries).toHaveCount(4);
  const filter = page.getByRole("checkbox", { name: /Unattributed claims \(2\)/ });
  await expect(filter.locator("xpath=..")).toHaveAttribute("title", /Alt\+Shift\+↓ jumps to the next one/);
  await filter.check();
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText("the details remain vague");
  await expect(entries.nth(1)).toContainText("These guarantees reportedly involve the US and Europe");

  // From the attribution (in the fourth paragraph) the next unattributed claim is the one after it;
  // then the walk wraps round to the first paragraph.
  const current = page.locator(".annotation-list [aria-current=true]");
  await page.locator('.editor-surface [data-kind="attribution"]').click();
  await expect(current).toHaveCount(0);
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await expect(current).toContainText("These guarantees reportedly involve");
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await expect(current).toContainText("the details remain vague");
  await expect(page.locator('.editor-surface [data-kind="claim"].is-selected')).toHaveText("the details remain vague");
  await page.keyboard.press("Alt+Shift+ArrowUp");
  await expect(current).toContainText("These guarantees reportedly involve");

  const { article } = await fetchArticle(page, id);
  const listed = async (query: string) => {
    const res = await page.request.get(`/api/articles?q=${encodeURIComponent(article.title)}&${query}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: { id: string; counts: { unattributedClaims: number } }[] }).items;
  };
  expect((await listed("unattributed=true")).map((i) => [i.id, i.counts.unattributedClaims])).toEqual([[id, 2]]);
  expect(await listed("unattributed=false")).toEqual([]);

  await page.goto(`/?q=${encodeURIComponent(article.title)}`);
  const row = page.getByRole("row", { name: new RegExp(article.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(row.getByTestId("unattributed")).toHaveText("2 without attribution");
  await page.getByRole("checkbox", { name: "Has unattributed claims" }).check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/unattributed=true/);
  await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();
});
