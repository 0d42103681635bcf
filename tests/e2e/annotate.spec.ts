import { expect, test } from "@playwright/test";
import { signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
});

interface ApiAnnotation {
  id: string;
  kind: string;
  start: number;
  end: number;
  quote: { exact: string };
  links: { type: string; targetId: string }[];
}

async function fetchArticle(page: import("@playwright/test").Page, id: string) {
  const res = await page.request.get(`/api/articles/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { revision: { text: string }; annotations: ApiAnnotation[] };
}

test("tag a claim with the shortcut and a hedge inside another claim with the button; both survive a reload", async ({ page }) => {
  const id = await openFreshSampleArticle(page);

  await selectText(page, "security guarantees for Ukraine");
  await page.keyboard.press("Control+Alt+1");
  const claim = page.locator('.editor-surface [data-kind="claim"]', { hasText: "security guarantees for Ukraine" });
  await expect(claim).toHaveText("security guarantees for Ukraine");
  await expect(claim).toHaveAttribute("data-status", "pending");

  await selectText(page, "These guarantees reportedly involve the US and Europe");
  await page.keyboard.press("Control+Alt+1");
  await selectText(page, "reportedly");
  await page.getByRole("button", { name: "Hedge" }).click();
  const nested = page.locator('.editor-surface [data-kind="claim"] [data-kind="hedge"]');
  await expect(nested).toHaveText("reportedly");
  await expectSaved(page);

  await page.reload();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  await expect(page.locator('.editor-surface [data-kind="claim"]', { hasText: "security guarantees for Ukraine" })).toHaveText(
    "security guarantees for Ukraine",
  );
  await expect(page.locator('.editor-surface [data-kind="claim"] [data-kind="hedge"]')).toHaveText("reportedly");

  const { revision, annotations } = await fetchArticle(page, id);
  const quotes = annotations.map((a) => `${a.kind}:${a.quote.exact}`).sort();
  expect(quotes).toEqual([
    "claim:These guarantees reportedly involve the US and Europe",
    "claim:security guarantees for Ukraine",
    "hedge:reportedly",
  ]);
  for (const a of annotations) expect([...revision.text].slice(a.start, a.end).join("")).toBe(a.quote.exact);
});

test("a whitespace-only selection tags nothing and says why", async ({ page }) => {
  await openFreshSampleArticle(page);
  await selectText(page, " ");
  await page.keyboard.press("Control+Alt+2");
  await expect(page.locator(".editor-message")).toContainText("Select some text to tag");
  await expect(page.locator(".editor-surface [data-annotation-id]")).toHaveCount(0);
});

test("undo and redo cover tagging", async ({ page }) => {
  await openFreshSampleArticle(page);
  await selectText(page, "Steve Witkoff");
  await page.keyboard.press("Control+Alt+3");
  await expect(page.locator('.editor-surface [data-kind="attribution"]')).toHaveText("Steve Witkoff");
  await page.keyboard.press("Control+z");
  await expect(page.locator(".editor-surface [data-annotation-id]")).toHaveCount(0);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.locator('.editor-surface [data-kind="attribution"]')).toHaveText("Steve Witkoff");
  await expectSaved(page);
});

test("link an attribution to the claim it attributes", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await selectText(page, "Putin had agreed to security guarantees for Ukraine");
  await page.keyboard.press("Control+Alt+1");
  await expect(page.getByTestId("unattributed-claims")).toHaveText("1 claim without attribution");
  await selectText(page, "US special envoy Steve Witkoff");
  await page.keyboard.press("Control+Alt+3");
  await page.locator('.editor-surface [data-kind="attribution"]').click();
  await page.getByLabel("Attributes the claim").selectOption({ label: "Putin had agreed to security guarantees for Ukraine" });
  await page.getByRole("button", { name: "Add link", exact: true }).click();
  await expect(page.getByTestId("unattributed-claims")).toHaveCount(0);
  await expectSaved(page);

  await page.getByRole("button", { name: /Putin had agreed to security guarantees/ }).first().click();
  await expect(page.getByTestId("who-said-what")).toContainText("US special envoy Steve Witkoff");

  const { annotations } = await fetchArticle(page, id);
  const claim = annotations.find((a) => a.kind === "claim")!;
  const attribution = annotations.find((a) => a.kind === "attribution")!;
  expect(attribution.links).toEqual([{ type: "attributes", targetId: claim.id }]);
});

test("tagging while the network is down is kept and saved once it returns", async ({ page }) => {
  const id = await openFreshSampleArticle(page);
  await page.route("**/api/articles/*/annotations", (route) => route.abort("internetdisconnected"));
  await selectText(page, "Emmanuel Macron");
  await page.keyboard.press("Control+Alt+3");
  await expect(page.getByTestId("save-state")).toHaveText("Offline: 1 change not saved yet");
  expect((await fetchArticle(page, id)).annotations).toHaveLength(0);

  await page.unroute("**/api/articles/*/annotations");
  await expectSaved(page);
  const { annotations } = await fetchArticle(page, id);
  expect(annotations.map((a) => a.quote.exact)).toEqual(["Emmanuel Macron"]);
});

test("the editor's bar stays in its column: tag buttons, revision, Save text and the save state never overlap the sidebar", async ({ page }) => {
  await openFreshSampleArticle(page);
  const sidebar = await page.locator(".annotation-sidebar").boundingBox();
  expect(sidebar).not.toBeNull();
  for (const part of [page.getByRole("toolbar", { name: "Tag selection" }), page.getByRole("button", { name: "Save text" }), page.getByTestId("revision-number")]) {
    const box = await part.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(sidebar!.x);
  }
});
