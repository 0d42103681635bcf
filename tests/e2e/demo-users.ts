import { expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/db/demo-users";

export { DEMO_USERS };
export const SAMPLE_TITLE = "Have Putin and Trump Really Reached ‘Understandings’ on Ending the Ukraine War?";

/** Signs in through the real form and waits for the article list. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
}
