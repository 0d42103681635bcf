import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "./demo-users";

const editor = DEMO_USERS.find((u) => u.role === "editor")!;

test("the API reference renders the served OpenAPI document under the page policy, with nothing from another host", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const violations: string[] = [];
  const foreign: string[] = [];
  const consoleErrors: string[] = [];
  await page.exposeBinding("__cspViolation", (_source, text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  // Aborted rather than sent: the page must work without any other host.
  await page.route(
    (url) => url.origin !== origin,
    (route) => {
      foreign.push(route.request().url());
      return route.abort();
    },
  );
  page.on("request", (req) => {
    if (new URL(req.url()).origin !== origin && !req.url().startsWith("data:")) foreign.push(req.url());
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });

  await signIn(page, editor.email, editor.password);
  const docs = page.waitForResponse((res) => new URL(res.url()).pathname === "/api/openapi.json");
  const res = await page.goto("/api/docs");
  expect(res?.status()).toBe(200);
  expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect((await docs).status()).toBe(200);

  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  // An operation from the document, with its method and path.
  const operation = page.locator(".opblock").filter({ hasText: "/api/articles/{id}/annotations" }).first();
  await expect(operation).toBeVisible();
  await expect(operation).toContainText("Tag a span as a claim, hedge or attribution");
  await expect(page.locator(".opblock-summary-method").first()).toBeVisible();

  // Expanding it shows what the document says about it: its parameters and its answers
  // (this is where an OpenAPI 3.1 resolver that fails to load leaves only the summary).
  await operation.locator(".opblock-summary").click();
  const body = operation.locator(".opblock-body");
  await expect(body.locator(".parameters-container")).toContainText("id");
  await expect(body.locator(".responses-wrapper")).toContainText("201");
  await expect(body.locator(".responses-wrapper")).toContainText("409");
  expect(consoleErrors.filter((text) => /TypeError|is not a function/.test(text)), "script errors in the console").toEqual([]);

  expect(violations, "Content-Security-Policy violations").toEqual([]);
  expect(foreign, "requests to another host").toEqual([]);
  expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text)), "CSP errors in the console").toEqual([]);
});

test("the OpenAPI document is served without signing in", async ({ request }) => {
  const res = await request.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/articles/{id}/annotations");
});
