import { expect, test } from "@playwright/test";

test("health reports the embedded database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "pglite", databaseReachable: true });
});

for (const path of ["/api/me", "/api/articles", "/api/articles/00000000-0000-4000-8000-000000000000"]) {
  test(`GET ${path} without credentials is 401 with the error envelope`, async ({ request }) => {
    const res = await request.get(path);
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.message).toMatch(/Sign in|token/);
  });
}

test("POST /api/articles without credentials is 401 and creates nothing", async ({ request }) => {
  const res = await request.post("/api/articles", { data: { title: "Nope", format: "text", content: "Body" } });
  expect(res.status()).toBe(401);
});

test("a made-up bearer token is refused", async ({ request }) => {
  const res = await request.get("/api/me", { headers: { Authorization: "Bearer nmk_" + "x".repeat(43) } });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthorized");
});
