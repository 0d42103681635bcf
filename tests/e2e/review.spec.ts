import { expect, test } from "@playwright/test";
import { signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

test("the editor tags, the reviewer approves and rejects by keyboard, the editor sees the outcome", async ({ page, browser }) => {
  test.setTimeout(90_000); // Two users, two sign-ins and a reload: a long story.
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const articleId = await openFreshSampleArticle(page);
  await selectText(page, "Putin had agreed to security guarantees for Ukraine");
  await page.keyboard.press("Control+Alt+1");
  await selectText(page, "Russia has criticized Western proposals");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer@newsmark.test", "newsmark-reviewer");
  await expect(reviewer.getByTestId("pending-count")).not.toHaveText("0");
  await reviewer.goto(`/review?articleId=${articleId}`);
  const items = reviewer.getByTestId("queue-item");
  await expect(items).toHaveCount(2);
  // Oldest first: the first tag is current.
  await expect(items.first()).toHaveAttribute("aria-current", "true");
  await expect(items.first()).toContainText("Putin had agreed to security guarantees for Ukraine");

  await reviewer.keyboard.press("a");
  await expect(reviewer.getByRole("status")).toContainText("Approved");
  await expect(items).toHaveCount(1);
  await reviewer.keyboard.press("r");
  await reviewer.getByLabel("Reason for rejecting").fill("Not a checkable claim: it is a description.");
  await reviewer.getByLabel("Reason for rejecting").press("Enter");
  await expect(items).toHaveCount(0);
  await expect(reviewer.getByText("Nothing waits for review")).toBeVisible();
  await reviewerContext.close();

  await page.reload();
  const approved = page.locator('.editor-surface [data-kind="claim"]', { hasText: "Putin had agreed" });
  await expect(approved).toHaveAttribute("data-status", "approved");
  const rejected = page.locator('.editor-surface [data-kind="claim"]', { hasText: "Russia has criticized" });
  await expect(rejected).toHaveAttribute("data-status", "rejected");
  await rejected.click();
  await expect(page.locator(".review-note")).toContainText("Not a checkable claim");

  await approved.click();
  await expect(page.getByLabel("Kind", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Delete annotation" })).toHaveCount(0);
  await page.getByRole("button", { name: "Show history" }).click();
  await expect(page.getByTestId("annotation-history")).toContainText("Eddie Editor tagged");
  await expect(page.getByTestId("annotation-history")).toContainText("Rita Reviewer approved");
});

test("a reviewer cannot approve their own annotation; the button says why", async ({ page }) => {
  await signIn(page, "reviewer@newsmark.test", "newsmark-reviewer");
  await openFreshSampleArticle(page);
  await selectText(page, "Emmanuel Macron warned");
  await page.keyboard.press("Control+Alt+3");
  await expectSaved(page);
  await page.locator('.editor-surface [data-kind="attribution"]').click();
  await expect(page.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(page.locator(".review-actions")).toContainText("another reviewer must review it");
});

test("a reviewer who turns an editor's claim into a hedge cannot approve it; the admin can", async ({ page, browser }) => {
  test.setTimeout(90_000); // Three users, each signing in.
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const articleId = await openFreshSampleArticle(page);
  await selectText(page, "Putin had agreed to security guarantees for Ukraine");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer@newsmark.test", "newsmark-reviewer");
  await reviewer.goto(`/articles/${articleId}`);
  await reviewer.locator('.editor-surface [data-kind="claim"]', { hasText: "Putin had agreed" }).click();
  await reviewer.getByLabel("Kind", { exact: true }).selectOption("hedge");
  await expect(reviewer.locator('.editor-surface [data-kind="hedge"]', { hasText: "Putin had agreed" })).toBeVisible();
  await expectSaved(reviewer);
  await expect(reviewer.getByRole("button", { name: "Approve" })).toBeDisabled();
  await expect(reviewer.locator(".review-actions")).toContainText("Changed by you: another reviewer decides.");
  await reviewer.getByRole("button", { name: "Show history" }).click();
  await expect(reviewer.getByTestId("annotation-history")).toContainText("Rita Reviewer changed what it says");

  await reviewer.goto(`/review?articleId=${articleId}`);
  const item = reviewer.getByTestId("queue-item");
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId("four-eyes-hint")).toHaveText("Changed by you: another reviewer decides.");
  await expect(item.getByRole("button", { name: "Approve" })).toBeDisabled();
  await reviewer.keyboard.press("a");
  await expect(item).toHaveCount(1);
  await reviewerContext.close();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@newsmark.test", "newsmark-admin");
  await admin.goto(`/review?articleId=${articleId}`);
  await expect(admin.getByTestId("queue-item")).toContainText("Hedge");
  await admin.keyboard.press("a");
  await expect(admin.getByRole("status")).toContainText("Approved");
  await expect(admin.getByTestId("queue-item")).toHaveCount(0);
  await adminContext.close();
});
