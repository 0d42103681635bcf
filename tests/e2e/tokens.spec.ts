import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_USERS, signIn } from "./demo-users";

const editor = DEMO_USERS.find((u) => u.role === "editor")!;
const admin = DEMO_USERS.find((u) => u.role === "admin")!;

/** `GET /api/me` with a bearer token only (the `request` fixture carries no cookies). */
const meWith = (request: APIRequestContext, token: string) => request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } });

test("a token made on the settings page works as a bearer token until it is revoked there", async ({ page, request }) => {
  await signIn(page, editor.email, editor.password);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  const name = `Desk script ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Expires").selectOption({ label: "in 30 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const panel = page.getByRole("region", { name: "New token" });
  await expect(panel).toContainText("you won’t see it again");
  const token = await panel.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^nmk_[A-Za-z0-9_-]{43}$/);

  const me = await meWith(request, token);
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(editor.email);

  await panel.getByRole("button", { name: "Done" }).click();
  await expect(panel).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Active");

  // Cancelling the confirmation revokes nothing.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(row).toContainText("Active");
  expect((await meWith(request, token)).status()).toBe(200);

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(name);
    void dialog.accept();
  });
  await row.getByRole("button", { name: `Revoke token ${name}` }).click();
  await expect(row).toContainText("Revoked");
  await expect(page.getByText(`Token "${name}" revoked.`)).toBeVisible();

  const refused = await meWith(request, token);
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");

  // After a reload the token is listed as revoked and its secret is nowhere on the page.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  expect(await page.content()).not.toContain(token);
});

test("an admin revokes another user's token from the settings page", async ({ page, browser, request }) => {
  const editorContext = await browser.newContext();
  const editorPage = await editorContext.newPage();
  await signIn(editorPage, editor.email, editor.password);
  const name = `Leaked ${Date.now()}`;
  const created = await editorPage.request.post("/api/tokens", { data: { name } });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: string };
  expect((await meWith(request, token)).status()).toBe(200);
  await editorContext.close();

  await signIn(page, admin.email, admin.password);
  await page.goto("/settings");
  const row = page.getByRole("table", { name: "Everyone else’s tokens" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(editor.email);
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke token ${name} of ${editor.email}` }).click();
  await expect(row).toContainText("Revoked");
  expect((await meWith(request, token)).status()).toBe(401);
});
