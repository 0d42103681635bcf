import { randomBytes } from "node:crypto";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import type { Principal } from "../security/principals";
import { DEMO_USERS, signIn } from "./demo-users";

const demo = (role: "admin" | "editor" | "reviewer") => DEMO_USERS.find((u) => u.role === role)!;

/** A browser context per principal, signed in through the real form (cookie sessions). */
export interface PrincipalContexts {
  contexts: Record<Principal, BrowserContext>;
  /** An article imported by the author. */
  articleId: string;
  close(): Promise<void>;
}

async function signedIn(browser: Browser, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await signIn(await context.newPage(), email, password);
  return context;
}

/**
 * Signs in the author (the demo editor), another editor and a user who is then disabled (both made
 * by the admin through the API), the reviewer and the admin. Pages take no bearer tokens, so the
 * "revoked token" principal is a signed-out browser that sends one.
 */
export async function principalContexts(browser: Browser): Promise<PrincipalContexts> {
  const admin = await signedIn(browser, demo("admin").email, demo("admin").password);
  const made: Record<string, { email: string; password: string }> = {};
  for (const label of ["other", "disabled"]) {
    const email = `${label}-${Date.now()}-${randomBytes(3).toString("hex")}@newsmark.test`;
    const password = `${label}-password-${randomBytes(4).toString("hex")}`;
    const res = await admin.request.post("/api/users", { data: { email, name: `Matrix ${label}`, role: "editor", password } });
    expect(res.status()).toBe(201);
    made[label] = { email, password };
  }
  const author = await signedIn(browser, demo("editor").email, demo("editor").password);
  const disabled = await signedIn(browser, made.disabled!.email, made.disabled!.password);
  const users = (await (await admin.request.get("/api/users")).json()) as { items: { id: string; email: string }[] };
  const disabledId = users.items.find((u) => u.email === made.disabled!.email)!.id;
  expect((await admin.request.patch(`/api/users/${disabledId}`, { data: { disabled: true } })).status()).toBe(200);

  const created = await author.request.post("/api/articles", { data: { title: `Matrix ${Date.now()}`, format: "text", content: "Alpha beta gamma." } });
  expect(created.status()).toBe(201);
  const articleId = ((await created.json()) as { article: { id: string } }).article.id;

  const contexts: Record<Principal, BrowserContext> = {
    anonymous: await browser.newContext(),
    author,
    otherEditor: await signedIn(browser, made.other!.email, made.other!.password),
    reviewer: await signedIn(browser, demo("reviewer").email, demo("reviewer").password),
    admin,
    disabled,
    revokedToken: await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer nmk_${randomBytes(32).toString("base64url")}` } }),
  };
  return { contexts, articleId, close: async () => void (await Promise.all(Object.values(contexts).map((c) => c.close()))) };
}
