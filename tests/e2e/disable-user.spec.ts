import { expect, test } from "@playwright/test";
import { signIn } from "./demo-users";

test("an admin disables a signed-in user, who is refused on their very next request", async ({ page, browser }) => {
  await signIn(page, "admin@newsmark.test", "newsmark-admin");
  const email = `stringer-${Date.now()}@newsmark.test`;
  const created = await page.request.post("/api/users", {
    data: { email, name: "Sam Stringer", role: "editor", password: "stringer-password" },
  });
  expect(created.status()).toBe(201);

  const other = await browser.newContext();
  const stringer = await other.newPage();
  await signIn(stringer, email, "stringer-password");
  expect((await stringer.request.get("/api/me")).status()).toBe(200);

  await page.getByRole("link", { name: "Users" }).click();
  const row = page.getByTestId(`user-${email}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  // The stringer's session cookie is still valid, but the user row now says disabled.
  await stringer.reload();
  await expect(stringer).toHaveURL(/\/signin\?error=AccountDisabled/);
  await expect(stringer.locator("p[role=alert]")).toContainText("This account is disabled");
  const me = await stringer.request.get("/api/me");
  expect(me.status()).toBe(403);

  await stringer.getByLabel("Email").fill(email);
  await stringer.getByLabel("Password").fill("stringer-password");
  await stringer.getByRole("button", { name: "Sign in" }).click();
  await expect(stringer.locator("p[role=alert]")).toContainText("This account is disabled");
  await other.close();
});

test("editors cannot manage users", async ({ page }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  const res = await page.request.get("/api/users");
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("forbidden");
});
