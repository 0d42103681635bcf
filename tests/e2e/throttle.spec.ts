import { expect, test } from "@playwright/test";

test("after 10 failed sign-ins for an email the 11th gets 429 and the form says to wait", async ({ page }) => {
  const email = `throttled-${test.info().workerIndex}-${Date.now()}@newsmark.test`;
  for (let i = 0; i < 10; i++) {
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    const res = await page.request.post("/api/auth/callback/credentials", {
      form: { email, password: "wrong-password", csrfToken, json: "true" },
    });
    expect(res.status()).toBe(401);
  }
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const blocked = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password: "wrong-password", csrfToken, json: "true" },
  });
  expect(blocked.status()).toBe(429);
  expect((await blocked.json()).error.code).toBe("rate_limited");

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("anything-at-all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("Too many failed sign-ins");
});
