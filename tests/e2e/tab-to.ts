import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moves through a
 * page. Fails when it is not reached within `limit` presses: then it is not in the tab order.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 60 } = {}): Promise<void> {
  await expect(target).toBeAttached();
  const focused = () => target.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < limit; i++) {
    if (await focused()) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  expect(await focused(), `${target} is not reached by ${limit} presses of ${backwards ? "Shift+Tab" : "Tab"}`).toBe(true);
}
