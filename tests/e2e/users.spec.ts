import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./demo-users";

const admin = DEMO_USERS.find((u) => u.role === "admin")!;

test("an admin adds a user with a one-time link; the user sets a password with it and signs in", async ({ page, browser }) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Users" }).click();
  const email = `invited-${Date.now()}-${randomBytes(3).toString("hex")}@newsmark.test`;
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Ines Invited");
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByLabel("One-time link: they choose their own").check();
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${email} added.`)).toBeVisible();
  const link = await page.getByLabel("Set-up link", { exact: true }).inputValue();
  expect(new URL(link).pathname).toMatch(/^\/set-password\/nms_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId(`user-${email}`).getByLabel(`Role of ${email}`)).toHaveValue("reviewer");

  // The same email again is refused with the API's message.
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByLabel("Name").fill("Ines Again");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("alert")).toHaveText(`A user with the email ${email} already exists`);

  // The new user, in a browser of their own and signed out.
  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await expect(invitee.getByText(email)).toBeVisible();
  const password = `ines-${randomBytes(6).toString("hex")}`;
  await invitee.getByLabel("New password", { exact: true }).fill(password);
  await invitee.getByLabel("Confirm new password").fill(password);
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByRole("status")).toContainText("Your password is set");
  await invitee.getByRole("link", { name: "Sign in" }).click();
  await expect(invitee).toHaveURL(/\/signin/);
  await signIn(invitee, email, password);
  await expect(invitee.getByTestId("current-user")).toContainText("Ines Invited");
  await expect(invitee.getByTestId("current-user")).toContainText("reviewer");

  // The link is spent.
  await invitee.goto(link);
  await expect(invitee.locator("main").getByRole("alert")).toHaveText(
    "This set-up link has already been used. Sign in with your password, or ask an admin for a new link.",
  );
  await fresh.close();

  // A new link for the same user, from the users page: a different one.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `New set-up link for ${email}` }).click();
  await expect(page.getByText(`New set-up link for ${email}.`)).toBeVisible();
  const second = await page.getByLabel("Set-up link", { exact: true }).inputValue();
  expect(new URL(second).pathname).toMatch(/^\/set-password\/nms_/);
  expect(second).not.toBe(link);
});

test("a user changes their own password on the settings page", async ({ page, browser }) => {
  const admins = await browser.newContext();
  const adminPage = await admins.newPage();
  await signIn(adminPage, admin.email, admin.password);
  const email = `changer-${Date.now()}-${randomBytes(3).toString("hex")}@newsmark.test`;
  const old = `old-${randomBytes(6).toString("hex")}`;
  expect((await adminPage.request.post("/api/users", { data: { email, name: "Chris Changer", role: "editor", password: old } })).status()).toBe(201);
  await admins.close();

  await signIn(page, email, old);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Change your password" });
  const fresh = `new-${randomBytes(6).toString("hex")}`;
  await form.getByLabel("Current password").fill("not the password");
  await form.getByLabel("New password", { exact: true }).fill(fresh);
  await form.getByLabel("Confirm new password").fill(fresh);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toHaveText("Your current password is not correct; your password was not changed.");

  await form.getByLabel("Current password").fill(old);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password has been changed. Use the new one next time you sign in.");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, email, fresh);
});
