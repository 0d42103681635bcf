import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { pagePatterns } from "../security/app-routes";
import { annotatedArticle, type AnnotatedArticle } from "./annotated-article";
import { DEMO_USERS, signIn } from "./demo-users";

/**
 * Every page, as each role that can open it, checked by axe-core: no serious or critical violation.
 * Moderate and minor ones, and what axe could not decide (contrast over a striped background, say),
 * are listed in the test's annotations without failing it. A new page
 * fails the first test until it has a row in PAGES; a row is one line unless the page needs a
 * particular URL or something done on it first.
 */
type Role = "anonymous" | "editor" | "reviewer" | "admin";

interface Visit {
  roles: readonly Role[];
  /** The URL to open; by default the page's pattern with the seeded article's id. */
  path?: (seeded: AnnotatedArticle) => string;
  /** Brings the loaded page into the state to check, and waits until it is there. */
  prepare?: (page: Page, seeded: AnnotatedArticle) => Promise<void>;
}

const SIGNED_IN: readonly Role[] = ["editor", "reviewer", "admin"];

const editorReady = async (page: Page) => {
  await expect(page.locator(".editor-mount[data-ready=true]")).toBeVisible();
  // Five annotations sit on the text; the sixth is orphaned, listed below the sidebar.
  await expect(page.locator(".annotation-entry")).toHaveCount(5);
};

const detailsOpen = async (page: Page) => {
  await editorReady(page);
  await expect(page.getByRole("region", { name: "Selected annotation" })).toBeVisible();
};

/** One row per page under app/, keyed by its pattern. */
const PAGES: Record<string, Visit> = {
  "/": { roles: SIGNED_IN },
  "/articles/new": { roles: SIGNED_IN },
  "/articles/[id]": { roles: SIGNED_IN, prepare: editorReady },
  "/articles/[id]/history": { roles: SIGNED_IN, prepare: (page) => expect(page.getByTestId("word-diff")).toBeVisible() },
  "/review": { roles: SIGNED_IN, prepare: (page) => expect(page.getByTestId("queue-item").first()).toBeVisible() },
  "/admin/users": { roles: ["admin"] },
  "/settings": { roles: SIGNED_IN, prepare: (page) => expect(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible() },
  // A link that matches nobody shows the page with its "not valid" message; a real one is used up by users.spec.ts.
  "/set-password/[token]": {
    roles: ["anonymous"],
    path: () => "/set-password/nms_no-such-link",
    prepare: (page) => expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible(),
  },
  "/signin": { roles: ["anonymous"] },
  "/api/docs": { roles: ["editor"], prepare: (page) => expect(page.locator(".opblock").first()).toBeVisible() },
};

/** States of those pages that show what a plain visit does not. */
const STATES: Record<string, Visit> = {
  "the editor with a claim selected": { roles: SIGNED_IN, path: (s) => `/articles/${s.articleId}?annotation=${s.claim}`, prepare: detailsOpen },
  "the editor with an attribution selected and its history shown": {
    roles: SIGNED_IN,
    path: (s) => `/articles/${s.articleId}?annotation=${s.attribution}`,
    prepare: async (page) => {
      await detailsOpen(page);
      await page.getByRole("button", { name: "Show history" }).click();
      await expect(page.getByTestId("annotation-history")).toBeVisible();
    },
  },
  "the editor with a rejected attribution and the reviewer's reason": {
    roles: ["editor"],
    path: (s) => `/articles/${s.articleId}?annotation=${s.rejected}`,
    prepare: async (page) => {
      await detailsOpen(page);
      await expect(page.locator(".review-note")).toBeVisible();
    },
  },
  "the review queue with the reject-reason form open": {
    roles: ["reviewer", "admin"],
    path: (s) => `/review?articleId=${s.articleId}`,
    prepare: async (page) => {
      await expect(page.getByTestId("queue-item").first()).toHaveAttribute("aria-current", "true");
      await page.keyboard.press("r");
      await expect(page.getByLabel("Reason for rejecting")).toBeFocused();
    },
  },
  "the sign-in page with an error": {
    roles: ["anonymous"],
    path: () => "/signin?error=CredentialsSignin",
    // The fields point at the reason, so it is read again when the user goes back to them.
    prepare: (page) => expect(page.getByLabel("Email")).toHaveAccessibleDescription("Wrong email or password."),
  },
  // Signed out, an unknown address leads to the sign-in page, checked above.
  "a page that does not exist": {
    roles: SIGNED_IN,
    path: () => "/no-such-page",
    prepare: (page) => expect(page.getByRole("heading", { name: "Not found" })).toBeVisible(),
  },
};

const FAILING = new Set(["serious", "critical"]);

// In order, in one worker; a failing page does not skip the pages after it.
test.describe.configure({ mode: "default" });

let contexts: Record<Role, BrowserContext>;
let pages: Record<Role, Page>;
let seeded: AnnotatedArticle;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const signedIn = async (role: Exclude<Role, "anonymous">) => {
    const user = DEMO_USERS.find((u) => u.role === role)!;
    const context = await browser.newContext();
    await signIn(await context.newPage(), user.email, user.password);
    return context;
  };
  contexts = { anonymous: await browser.newContext(), editor: await signedIn("editor"), reviewer: await signedIn("reviewer"), admin: await signedIn("admin") };
  // One tab per role for every visit: signing in left one open.
  pages = Object.fromEntries(await Promise.all(Object.entries(contexts).map(async ([role, c]) => [role, c.pages()[0] ?? (await c.newPage())]))) as Record<Role, Page>;
  seeded = await annotatedArticle(contexts.editor.request, contexts.reviewer.request, `Accessibility ${Date.now()}`);
});

test.afterAll(async () => {
  await Promise.all(Object.values(contexts ?? {}).map((c) => c.close()));
});

test("the accessibility checks have a row for every page of the app", () => {
  expect(pagePatterns().filter((p) => !(p in PAGES)), "Add rows to PAGES in tests/e2e/accessibility.spec.ts for").toEqual([]);
  expect(Object.keys(PAGES).filter((p) => !pagePatterns().includes(p)), "Rows for pages that are gone").toEqual([]);
});

const rows = [...Object.entries(PAGES).map(([pattern, visit]) => ({ name: pattern, pattern, visit })), ...Object.entries(STATES).map(([name, visit]) => ({ name, pattern: null, visit }))];

for (const { name, pattern, visit } of rows) {
  test(`axe: ${name} as ${visit.roles.join(", ")}`, async () => {
    test.setTimeout(30_000 + 20_000 * visit.roles.length);
    const path = visit.path ? visit.path(seeded) : pattern!.replace("[id]", seeded.articleId);
    const failures: string[] = [];
    for (const role of visit.roles) {
      const page = pages[role];
      await page.goto(path);
      await visit.prepare?.(page, seeded);
      const { violations, incomplete } = await new AxeBuilder({ page }).analyze();
      const describe = (v: (typeof violations)[number]) => `${path} as ${role}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`;
      for (const v of violations) {
        if (FAILING.has(v.impact ?? "")) failures.push(describe(v));
        else test.info().annotations.push({ type: `axe ${v.impact}`, description: describe(v) });
      }
      for (const v of incomplete) test.info().annotations.push({ type: "axe needs review", description: describe(v) });
    }
    expect(failures, `serious or critical axe violations on ${name}`).toEqual([]);
  });
}

/**
 * Text zoomed to 400% in a 1280px window lays out as 320 CSS pixels: the page must reflow into one
 * column rather than scroll sideways (WCAG 1.4.10). Pages whose width is a data table's are exempt.
 */
const REFLOW: Record<string, { role: Role; path: (s: AnnotatedArticle) => string }> = {
  "the sign-in page": { role: "anonymous", path: () => "/signin" },
  "the editor with an attribution selected": { role: "editor", path: (s) => `/articles/${s.articleId}?annotation=${s.attribution}` },
  "the import form": { role: "editor", path: () => "/articles/new" },
  "the review queue": { role: "reviewer", path: () => "/review" },
};

test(`pages reflow at 320 CSS pixels: ${Object.keys(REFLOW).join(", ")}`, async () => {
  const wide: string[] = [];
  for (const [name, { role, path }] of Object.entries(REFLOW)) {
    const page = pages[role];
    await page.setViewportSize({ width: 320, height: 256 });
    await page.goto(path(seeded));
    await expect(page.locator("h1").first()).toBeVisible();
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    if (scroll > client) wide.push(`${name} (${path(seeded)} as ${role}) is ${scroll}px wide in a ${client}px window`);
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  expect(wide).toEqual([]);
});
