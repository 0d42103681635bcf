import { expect, test } from "@playwright/test";
import { DEMO_USERS, SAMPLE_TITLE, signIn } from "./demo-users";

for (const user of DEMO_USERS) {
  test(`${user.role} signs in, sees their role and opens the sample article`, async ({ page }) => {
    await signIn(page, user.email, user.password);
    const who = page.getByTestId("current-user");
    await expect(who).toContainText(user.name);
    await expect(who).toContainText(user.role);
    // Other specs import dated copies of the sample into the same database, which can push the seeded
    // one off the first page of the list, even of a search: look for its exact title page by page.
    await page.getByLabel("Search articles").fill(SAMPLE_TITLE);
    await page.getByLabel("Search articles").press("Enter");
    await page.waitForURL(/[?&]q=/);
    const seeded = page.getByRole("link", { name: SAMPLE_TITLE, exact: true });
    while (!(await seeded.isVisible())) await page.goto((await page.getByRole("link", { name: "Next page →" }).getAttribute("href"))!);
    await seeded.click();
    await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: SAMPLE_TITLE })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "What Did Putin Say About the Alaska Meeting?" })).toBeVisible();
    await expect(page.locator(".editor-surface")).toContainText("security guarantees for Ukraine");
  });
}

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("editor@newsmark.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("p[role=alert]")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/signin/);
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});

test("a signed-out visit to a page redirects to sign-in and back after signing in", async ({ page }) => {
  await page.goto("/articles/new");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Farticles%2Fnew/);
  await page.getByLabel("Email").fill("reviewer@newsmark.test");
  await page.getByLabel("Password").fill("newsmark-reviewer");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Import an article" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "admin@newsmark.test", "newsmark-admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("without single sign-on configured the sign-in page offers no SSO button", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Sign in with / })).toHaveCount(0);
});
