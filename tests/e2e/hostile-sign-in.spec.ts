import { expect, test } from "@playwright/test";

/**
 * next-auth's routes take hostile input too (they need the real server: next-auth reads cookies
 * through Next's request scope). Only documented 4xx answers or next-auth's own sign-in refusal,
 * never a 5xx, never a session, and the server keeps serving.
 */
const CALLBACK = "/api/auth/callback/credentials";

test("hostile sign-in requests are refused without a 5xx or a session", async ({ playwright, baseURL }) => {
  test.setTimeout(90_000);
  const request = await playwright.request.newContext({ baseURL });
  const csrf = ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const form = (fields: Record<string, string>) => new URLSearchParams({ csrfToken: csrf, json: "true", ...fields }).toString();
  const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
  const cases: [string, { headers?: Record<string, string>; data?: string | Buffer }][] = [
    ["no body", { headers: urlencoded }],
    ["JSON instead of a form", { headers: { "content-type": "application/json" }, data: '{"email":"admin@newsmark.test","password":"x"' }],
    ["multipart garbage", { headers: { "content-type": "multipart/form-data; boundary=x" }, data: "--x\r\nbroken" }],
    ["huge password", { headers: urlencoded, data: form({ email: "admin@newsmark.test", password: "p".repeat(200_000) }) }],
    ["huge email", { headers: urlencoded, data: form({ email: `${"e".repeat(100_000)}@newsmark.test`, password: "x" }) }],
    ["SQL in the email", { headers: urlencoded, data: form({ email: "admin@newsmark.test' OR '1'='1", password: "' OR '1'='1" }) }],
    ["__proto__ fields", { headers: urlencoded, data: `__proto__[role]=admin&constructor[prototype][x]=1&${form({ email: "admin@newsmark.test", password: "x" })}` }],
    ["invalid UTF-8", { headers: urlencoded, data: Buffer.concat([Buffer.from(form({ email: "admin@newsmark.test" })), Buffer.from("&password=%FF%FE"), Buffer.from([0xff, 0xfe])]) }],
    ["missing CSRF token", { headers: urlencoded, data: "email=admin%40newsmark.test&password=newsmark-admin&json=true" }],
    ["an open redirect as callback", { headers: urlencoded, data: form({ email: "nobody@newsmark.test", password: "x", callbackUrl: "https://attacker.test/" }) }],
  ];
  for (const [name, options] of cases) {
    const res = await request.post(CALLBACK, { ...options, maxRedirects: 0 });
    expect(res.status(), `${name}: ${(await res.text()).slice(0, 200)}`).toBeLessThan(500);
    const location = res.headers().location ?? "";
    expect(location, name).not.toContain("attacker.test");
  }
  for (const path of ["/api/auth/session", "/api/auth/providers", "/api/auth/csrf", "/api/auth/nonsense", "/api/auth/signin/../../x", "/api/auth/callback/__proto__"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBeLessThan(500);
  }
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user, "no hostile request may sign anyone in").toBeUndefined();
  expect((await request.get("/api/health")).status()).toBe(200);
  await request.dispose();
});
