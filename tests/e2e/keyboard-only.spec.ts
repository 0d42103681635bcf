import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS } from "./demo-users";
import { expectSaved } from "./editor-helpers";
import { tabTo } from "./tab-to";

/**
 * The whole loop without a mouse: sign in, find an article, select words with Shift+arrows, tag a
 * claim and an attribution by shortcut, link them, sign out; a reviewer approves and rejects from
 * the queue by its keys, then downloads the export. No click, and no field filled that Tab did not
 * reach: a step that needs a mouse is a bug in the app.
 */
const CLAIM = "Exports rose by a fifth in the spring";
const SOURCE = "the minister";
const demo = (role: "editor" | "reviewer") => DEMO_USERS.find((u) => u.role === role)!;

async function signInByKeyboard(page: Page, role: "editor" | "reviewer"): Promise<void> {
  await page.goto("/signin");
  // The form puts the caret in the email field, so typing can start at once.
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(demo(role).email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(demo(role).password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  // The first Tab on a page shows the skip link, which jumps past the header.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
}

/** From any page: the Articles link in the header, the search field, then the article's link. */
async function openArticle(page: Page, title: string): Promise<void> {
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Articles" }), { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await tabTo(page, page.getByRole("searchbox", { name: "Search articles" }));
  await page.keyboard.type(title);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await tabTo(page, page.getByRole("link", { name: title }));
  await page.keyboard.press("Enter");
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
}

/** Extends the selection one character at a time from the caret. */
async function selectForward(page: Page, words: string): Promise<void> {
  for (let i = 0; i < words.length; i++) await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(words);
}

test("tag, link, review and export with the keyboard alone", async ({ browser }) => {
  test.setTimeout(120_000);
  const title = `Keyboard ${Date.now()}`;
  const editorContext = await browser.newContext();
  const page = await editorContext.newPage();
  await signInByKeyboard(page, "editor");
  const imported = await page.request.post("/api/articles", {
    data: { title, format: "text", content: `${CLAIM}, ${SOURCE} said.\n\nA second paragraph.` },
  });
  expect(imported.status()).toBe(201);
  const articleId = ((await imported.json()) as { article: { id: string } }).article.id;

  await openArticle(page, title);
  await expect(page).toHaveTitle(`${title} · Newsmark`);
  // The shortcut is announced with the button, whose name stays the kind alone.
  await expect(page.getByRole("toolbar", { name: "Tag selection" }).getByRole("button", { name: "Claim", exact: true })).toHaveAttribute(
    "aria-keyshortcuts",
    "Control+Alt+1",
  );
  const text = page.getByRole("textbox", { name: "Article text" });
  await tabTo(page, text);
  await page.keyboard.press("Control+Home");
  await selectForward(page, CLAIM);
  await page.keyboard.press("Control+Alt+1");
  await expect(page.locator('.editor-surface [data-kind="claim"]')).toHaveText(CLAIM);

  // Right collapses the selection to its end; two more pass the comma and the space.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await selectForward(page, SOURCE);
  await page.keyboard.press("Control+Alt+3");
  await expect(page.locator('.editor-surface [data-kind="attribution"]')).toHaveText(SOURCE);
  await expect(page.getByTestId("unattributed-claims")).toHaveText("1 claim without attribution");

  // Alt+Up from nothing selected picks the last annotation, the attribution, and opens its details.
  await page.keyboard.press("Alt+ArrowUp");
  const details = page.getByRole("region", { name: "Selected annotation" });
  await expect(details.locator(".details-quote")).toHaveText(SOURCE);
  const linkTo = details.getByLabel("Attributes the claim");
  await tabTo(page, linkTo);
  // A closed select takes the arrow keys: Down chooses the first claim offered, and links nothing
  // until "Add link", so arrowing through the claims does not link each one passed.
  await page.keyboard.press("ArrowDown");
  await expect(linkTo).toHaveValue(/.+/);
  await expect(details.getByRole("listitem")).toHaveCount(0);
  await tabTo(page, details.getByRole("button", { name: "Add link", exact: true }));
  await page.keyboard.press("Enter");
  await expect(details.getByRole("listitem")).toContainText(`“${CLAIM}”`);
  await expect(details.getByRole("button", { name: `Remove link to “${CLAIM}”` })).toBeVisible();
  await expect(page.getByTestId("unattributed-claims")).toHaveCount(0);
  await expectSaved(page);

  await tabTo(page, page.getByRole("button", { name: "Sign out" }), { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await signInByKeyboard(page, "reviewer");
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Review/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  // Typing on a closed select picks the option that starts so; the Filter button applies it.
  const byArticle = page.getByRole("combobox", { name: "Filter by article" });
  await tabTo(page, byArticle);
  await page.keyboard.type(title);
  await expect(byArticle).toHaveValue(articleId);
  await tabTo(page, page.getByRole("button", { name: "Filter" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`articleId=${articleId}`));

  // Oldest first; the focus follows the current item, so a screen reader reads each one.
  const items = page.getByTestId("queue-item");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("j");
  await expect(items.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(items.nth(0)).toBeFocused();
  await expect(items.nth(0).locator("mark")).toHaveText(CLAIM);
  await page.keyboard.press("a");
  await expect(page.getByRole("status")).toHaveText(`Approved “${CLAIM}”.`);
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toBeFocused();
  await expect(items.nth(0).locator("mark")).toHaveText(SOURCE);
  await page.keyboard.press("r");
  await expect(page.getByLabel("Reason for rejecting")).toBeFocused();
  await page.keyboard.type("The minister did not say this on the record.");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(`Rejected “${SOURCE}”.`);
  await expect(page.getByText("Nothing waits for review")).toBeVisible();

  await openArticle(page, title);
  await tabTo(page, page.getByRole("link", { name: "JSON", exact: true }));
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
    article: { id: string };
    annotations: { id: string; kind: string; status: string; reviewNote: string | null; links: { type: string; targetId: string }[] }[];
  };
  expect(exported.article.id).toBe(articleId);
  const claim = exported.annotations.find((a) => a.kind === "claim")!;
  const attribution = exported.annotations.find((a) => a.kind === "attribution")!;
  expect(claim.status).toBe("approved");
  expect(attribution).toMatchObject({ status: "rejected", reviewNote: "The minister did not say this on the record." });
  expect(attribution.links).toEqual([{ type: "attributes", targetId: claim.id }]);
  await editorContext.close();
});
