import { expect, test } from "@playwright/test";
import type { QueuePage } from "../../lib/contracts/review";
import { signIn } from "./demo-users";
import { expectSaved, openFreshSampleArticle, selectText } from "./editor-helpers";

test("an open review queue follows tags and reviews made elsewhere, keeping the reviewer's place", async ({ page, browser }) => {
  test.setTimeout(90_000); // Three people, each signing in.
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const articleId = await openFreshSampleArticle(page);

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer@newsmark.test", "newsmark-reviewer");
  // Filtered to this article: tags other tests make at the same time stay out of it.
  await reviewer.goto(`/review?articleId=${articleId}`);
  await expect(reviewer.locator(".review-queue")).toHaveAttribute("data-live", "live");
  await expect(reviewer.getByText("Nothing waits for review")).toBeVisible();
  // Gone if the page were loaded again.
  await reviewer.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const updated = reviewer.getByTestId("queue-updated");
  await expect(updated).toHaveAttribute("aria-live", "polite");

  // The editor tags a claim: it appears in the open queue, and the page says so.
  await selectText(page, "Putin had agreed to security guarantees for Ukraine");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);
  const items = reviewer.getByTestId("queue-item");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("Putin had agreed to security guarantees for Ukraine");
  await expect(updated).toContainText("1 new");
  await expect(reviewer.getByTestId("queue-total")).toHaveText("1 pending");

  // A second claim; the reviewer moves on to it by keyboard.
  await selectText(page, "Russia has criticized Western proposals");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);
  await expect(items).toHaveCount(2);
  await reviewer.keyboard.press("j");
  const russia = items.filter({ hasText: "Russia has criticized Western proposals" });
  await expect(russia).toHaveAttribute("aria-current", "true");
  await expect(russia).toBeFocused();

  // Another reviewer (the admin) approves the first through the API: it leaves the open queue, and
  // the reviewer stays on the item they were on, with the focus.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@newsmark.test", "newsmark-admin");
  const queue = (await (await admin.request.get(`/api/review/queue?articleId=${articleId}`)).json()) as QueuePage;
  const putin = queue.items.find((i) => i.quote.exact.startsWith("Putin had agreed"))!;
  const approved = await admin.request.post(`/api/annotations/${putin.id}/review`, { data: { version: putin.version, decision: "approve" } });
  expect(approved.status()).toBe(200);
  await expect(items).toHaveCount(1);
  await expect(updated).toContainText("1 gone");
  await expect(russia).toHaveAttribute("aria-current", "true");
  await expect(russia).toBeFocused();
  await expect(reviewer.getByTestId("queue-total")).toHaveText("1 pending");

  // With the reject form open, a new tag waits: the reviewer's reason is not disturbed, and the
  // tag appears once the rejection is sent.
  await reviewer.keyboard.press("r");
  const reason = reviewer.getByLabel("Reason for rejecting");
  await expect(reason).toBeFocused();
  await reason.fill("A description of the talks, not a checkable claim.");
  await selectText(page, "Emmanuel Macron warned");
  await page.keyboard.press("Control+Alt+1");
  await expectSaved(page);
  await expect(reason).toBeFocused();
  await expect(reason).toHaveValue("A description of the talks, not a checkable claim.");
  await reason.press("Enter");
  await expect(reviewer.getByRole("status")).toContainText("Rejected");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("Emmanuel Macron warned");

  expect(await reviewer.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await adminContext.close();
  await reviewerContext.close();
});
