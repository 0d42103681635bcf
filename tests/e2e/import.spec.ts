import { expect, test } from "@playwright/test";
import { signIn } from "./demo-users";

test("an editor imports HTML; scripts do not survive and the article opens", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  await page.getByRole("link", { name: "Import article" }).click();
  const title = `Council budget ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Format").selectOption("html");
  await page
    .getByLabel("Content")
    .fill('<h2>Spending</h2><p>The council <em>said</em> it would cut costs.</p><script>alert("x")</script><img src=x onerror="alert(1)">');
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Spending" })).toBeVisible();
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  await expect(page.locator(".editor-surface em")).toHaveText("said");
  await expect(page.locator(".article-body script, .article-body img")).toHaveCount(0);
  expect(dialogs).toEqual([]);

  await page.goto(`/?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("an import with no text is refused with a clear message", async ({ page }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  await page.goto("/articles/new");
  await page.getByLabel("Title").fill("Empty");
  await page.getByLabel("Format").selectOption("html");
  await page.getByLabel("Content").fill("<script>alert(1)</script>");
  await page.getByRole("button", { name: "Import article" }).click();
  await expect(page.locator("p[role=alert]")).toContainText(/no text/i);
});
