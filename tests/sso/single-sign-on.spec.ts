import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { AppServer, createServerDatabase, type TestServerDatabase } from "../resilience/app-server";
import { TestOidcProvider, type TestAccount } from "./oidc-test-provider";
import { ssoUsersSchema, type SsoUsers } from "./sso-users";
import { SERVER_CONDITION } from "../server-condition";

/**
 * Single sign-on through a real OpenID Connect provider on 127.0.0.1, in Chromium: a Newsmark
 * server of its own on the production build, configured for the provider, and one sign-in per
 * test through the provider's login form and back.
 */
// Clear of the main server, the resilience servers (+11 to +16) and other local runs.
const appPort = Number(process.env.E2E_PORT ?? 3100) + 300;
const providerPort = appPort + 1;
const ROLE_CLAIM = "newsmark_role";
const SSO_NAME = "Newsroom SSO";
const TSX_BIN = path.resolve("node_modules", "tsx", "dist", "cli.mjs");

// One provider and one server for the whole file, so the tests share one worker.
test.describe.configure({ mode: "default" });

let provider: TestOidcProvider;
let db: TestServerDatabase | undefined;
let server: AppServer | undefined;
let users: SsoUsers;

/** Runs prepare-sso-users.ts on the test's database and reads what it printed. */
function prepareUsers(database: TestServerDatabase): Promise<SsoUsers> {
  const target = database.env.DATABASE_URL ? ["--database-url", database.env.DATABASE_URL] : ["--data-dir", database.env.NEWSMARK_DATA_DIR!];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_BIN, SERVER_CONDITION, "tests/sso/prepare-sso-users.ts", ...target], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) =>
      code === 0 ? resolve(ssoUsersSchema.parse(JSON.parse(out.trim().split("\n").pop()!))) : reject(new Error(`prepare-sso-users failed (${code}): ${err}`)),
    );
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  provider = new TestOidcProvider(providerPort, `http://localhost:${appPort}/api/auth/callback/oidc`, ROLE_CLAIM);
  await provider.start();
  db = await createServerDatabase("sso");
  users = await prepareUsers(db);
  server = new AppServer(appPort, {
    ...db.env,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: SSO_NAME,
    OIDC_ROLE_CLAIM: ROLE_CLAIM,
  });
  await server.start();
});

test.afterAll(async () => {
  await server?.kill();
  await db?.dispose();
  await provider?.stop();
});

/** Starts single sign-on from Newsmark's sign-in page and waits for the provider's login form. */
async function openProviderLogin(page: Page): Promise<void> {
  await page.goto(`${server!.baseUrl}/signin`);
  await page.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
}

/** Signs in through the provider as `email`: the sign-in page's SSO button, the provider's form, and back. */
async function signInWithSso(page: Page, email: string): Promise<void> {
  await openProviderLogin(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin === server!.baseUrl && !url.pathname.startsWith("/api/"));
}

/** The sign-in page's alert after a refusal, and proof that no session was made. */
async function expectRefused(page: Page, code: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/signin\\?(.+&)?error=${code}(&|$)`));
  await expect(page.locator("p[role=alert]")).toHaveText(signInErrorMessage(code));
  expect((await page.request.get(`${server!.baseUrl}/api/me`)).status()).toBe(401);
}

/** Every user, as the admins' API lists them. */
async function listedUsers(page: Page): Promise<{ email: string; role: string; disabled: boolean }[]> {
  const res = await page.request.get(`${server!.baseUrl}/api/users`, { headers: { authorization: `Bearer ${users.adminToken}` } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { email: string; role: string; disabled: boolean }[] }).items;
}

const verified = (email: string, claims: Omit<TestAccount, "email"> = {}): TestAccount => ({ email, email_verified: true, name: "Kim Provider", ...claims });

test("a known email signs in through the provider with the role Newsmark has for it", async ({ page }) => {
  // The provider may spell the address differently; accounts match case-insensitively.
  provider.addAccount(verified(users.reviewer.email.toUpperCase()));
  await signInWithSso(page, users.reviewer.email);
  await expect(page).toHaveURL(`${server!.baseUrl}/`);
  await expect(page.getByTestId("current-user")).toContainText("SSO reviewer");
  await expect(page.getByTestId("current-user")).toContainText("reviewer");
  const me = await page.request.get(`${server!.baseUrl}/api/me`);
  expect(await me.json()).toEqual({ id: users.reviewer.id, email: users.reviewer.email, name: "SSO reviewer", role: "reviewer" });
});

test("an email Newsmark does not know is refused with a clear message, and no account is made", async ({ page }) => {
  const stranger = `stranger-${Date.now()}@newsroom.example`;
  provider.addAccount(verified(stranger, { [ROLE_CLAIM]: "admin" }));
  const before = await listedUsers(page);
  await signInWithSso(page, stranger);
  await expectRefused(page, "NoAccount");
  await expect(page.locator("p[role=alert]")).toHaveText(
    "No Newsmark account has the email address your single sign-on gave. Ask an admin to add you with that address.",
  );
  const after = await listedUsers(page);
  expect(after).toHaveLength(before.length);
  expect(after.map((u) => u.email)).not.toContain(stranger);
});

test("a disabled user is refused with a clear message", async ({ page }) => {
  provider.addAccount(verified(users.disabled.email, { [ROLE_CLAIM]: "admin" }));
  await signInWithSso(page, users.disabled.email);
  await expectRefused(page, "AccountDisabled");
  await expect(page.locator("p[role=alert]")).toHaveText("This account is disabled. Ask an admin to enable it.");
  // Refused before the role claim is applied.
  expect((await listedUsers(page)).find((u) => u.email === users.disabled.email)).toMatchObject({ role: "editor", disabled: true });
});

test("an email the provider has not verified is refused", async ({ page }) => {
  provider.addAccount({ email: users.unverified.email, email_verified: false, name: "Unverified" });
  await signInWithSso(page, users.unverified.email);
  await expectRefused(page, "EmailNotVerified");
});

test("the role claim sets the user's role at sign-on", async ({ page }) => {
  provider.addAccount(verified(users.promoted.email, { [ROLE_CLAIM]: "reviewer" }));
  await signInWithSso(page, users.promoted.email);
  await expect(page.getByTestId("current-user")).toContainText("reviewer");
  expect(await (await page.request.get(`${server!.baseUrl}/api/me`)).json()).toMatchObject({ id: users.promoted.id, role: "reviewer" });
  expect((await listedUsers(page)).find((u) => u.email === users.promoted.email)).toMatchObject({ role: "reviewer" });
});

test("a role claim that names no Newsmark role is refused and changes nothing", async ({ page }) => {
  provider.addAccount(verified(users.editor.email, { [ROLE_CLAIM]: "superuser" }));
  await signInWithSso(page, users.editor.email);
  await expectRefused(page, "InvalidRoleClaim");
  expect((await listedUsers(page)).find((u) => u.email === users.editor.email)).toMatchObject({ role: "editor" });
});

test("cancelling at the provider comes back to the sign-in page with a message", async ({ page }) => {
  await openProviderLogin(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expectRefused(page, "Callback");
});
