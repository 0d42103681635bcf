import { expect, test } from "@playwright/test";
import { pagePatterns } from "../security/app-routes";
import { PRINCIPALS, type Principal } from "../security/principals";
import { principalContexts, type PrincipalContexts } from "./principal-contexts";

/**
 * The authorization matrix of the pages, with real cookie sessions against the production server.
 * The test walks `app/**\/page.tsx`, so a new page without a row fails. An answer is where the
 * browser ends up: the page itself, the sign-in page (and why), or a 404.
 */
type Answer = "page" | "sign-in" | "disabled" | "not-found" | "home";

const signedIn = (answer: Answer, overrides: Partial<Record<Principal, Answer>> = {}): Record<Principal, Answer> => ({
  anonymous: "sign-in",
  author: answer,
  otherEditor: answer,
  reviewer: answer,
  admin: answer,
  disabled: "disabled",
  revokedToken: "sign-in",
  ...overrides,
});

const PAGES: Record<string, Record<Principal, Answer>> = {
  "/": signedIn("page"),
  "/articles/new": signedIn("page"),
  "/articles/[id]": signedIn("page"),
  "/articles/[id]/history": signedIn("page"),
  "/review": signedIn("page"),
  // Only admins manage users; to anyone else the page does not exist.
  "/admin/users": signedIn("not-found", { admin: "page" }),
  // Signed-in people are sent on; a disabled user sees the form (and cannot get past it).
  "/signin": signedIn("home", { anonymous: "page", revokedToken: "page", disabled: "page" }),
  "/settings": signedIn("page"),
  // The API reference, for anyone signed in (its document, /api/openapi.json, is public).
  "/api/docs": signedIn("page"),
  // Open to everyone, signed in or not: the link is the credential. Visited here with a link that
  // names nobody (the page says so); tests/e2e/users.spec.ts uses a real one.
  "/set-password/[token]": { anonymous: "page", author: "page", otherEditor: "page", reviewer: "page", admin: "page", disabled: "page", revokedToken: "page" },
};

/** The API through cookie sessions: who am I, and next-auth's own routes. */
const API: Record<string, Record<Principal, number>> = {
  "GET /api/me": { anonymous: 401, author: 200, otherEditor: 200, reviewer: 200, admin: 200, disabled: 403, revokedToken: 401 },
  "POST /api/articles": { anonymous: 401, author: 201, otherEditor: 201, reviewer: 201, admin: 201, disabled: 403, revokedToken: 401 },
  "GET /api/auth/session": { anonymous: 200, author: 200, otherEditor: 200, reviewer: 200, admin: 200, disabled: 200, revokedToken: 200 },
  "GET /api/auth/csrf": { anonymous: 200, author: 200, otherEditor: 200, reviewer: 200, admin: 200, disabled: 200, revokedToken: 200 },
};

test.describe.configure({ mode: "serial" });

let world: PrincipalContexts;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  world = await principalContexts(browser);
});

test.afterAll(async () => {
  await world?.close();
});

test("the page matrix has a row for every page of the app", () => {
  expect(pagePatterns().filter((p) => !(p in PAGES)), "Add rows to PAGES in tests/e2e/page-access-matrix.spec.ts for").toEqual([]);
  expect(Object.keys(PAGES).filter((p) => !pagePatterns().includes(p)), "Rows for pages that are gone").toEqual([]);
});

for (const [pattern, answers] of Object.entries(PAGES)) {
  test(`page ${pattern}: ${PRINCIPALS.map((p) => `${p} ${answers[p]}`).join(", ")}`, async () => {
    test.setTimeout(90_000);
    const path = pattern.replace("[id]", world.articleId).replace("[token]", "nms_no-such-link");
    for (const principal of PRINCIPALS) {
      const page = await world.contexts[principal].newPage();
      const res = await page.goto(path);
      const url = new URL(page.url());
      const where = `${principal} on ${path} ended at ${url.pathname}${url.search} (${res?.status()})`;
      switch (answers[principal]) {
        case "page":
          expect(url.pathname, where).toBe(path);
          expect(res?.status(), where).toBe(200);
          break;
        case "home":
          expect(url.pathname, where).toBe("/");
          await expect(page.getByRole("heading", { name: "Articles" }), where).toBeVisible();
          break;
        case "sign-in":
          expect(url.pathname, where).toBe("/signin");
          expect(url.searchParams.get("error"), where).toBeNull();
          await expect(page.getByRole("button", { name: "Sign in" }), where).toBeVisible();
          break;
        case "disabled":
          expect(url.pathname, where).toBe("/signin");
          expect(url.searchParams.get("error"), where).toBe("AccountDisabled");
          break;
        case "not-found":
          expect(res?.status(), where).toBe(404);
          await expect(page.getByRole("heading", { name: "Not found" }), where).toBeVisible();
          break;
      }
      await page.close();
    }
  });
}

for (const [key, answers] of Object.entries(API)) {
  test(`cookie session ${key}: ${PRINCIPALS.map((p) => `${p} ${answers[p]}`).join(", ")}`, async () => {
    const [method, path] = key.split(" ") as [string, string];
    for (const principal of PRINCIPALS) {
      const request = world.contexts[principal].request;
      const res =
        method === "GET"
          ? await request.get(path)
          : await request.post(path, { data: { title: `Cookie ${principal}`, format: "text", content: "Body." } });
      expect(res.status(), `${key} as ${principal}: ${(await res.text()).slice(0, 200)}`).toBe(answers[principal]);
    }
  });
}

test("a session cookie is HttpOnly, SameSite=Lax and Secure in production", async () => {
  const cookies = await world.contexts.author.cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, JSON.stringify(cookies.map((c) => c.name))).toBeDefined();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
  expect(session!.name).toBe("__Secure-next-auth.session-token");
});
