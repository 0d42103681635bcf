import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "./demo-users";

/**
 * Classic XSS payloads in imported HTML and Markdown, titles, notes, source names and review
 * notes must render inert. Every payload reports to a trap if it ever runs; the browser must see
 * no dialog, no request to another host, no trap call and no event-handler attribute.
 */
const trapCall = (label: string) => `window.__xss&&window.__xss('${label}')`;

const HOSTILE_HTML = `
<h2 onmouseover="${trapCall("h2-handler")}">Heading<script>${trapCall("script")}</script></h2>
<p>Image <img src="x" onerror="alert('img')"> inline.</p>
<p><a href="javascript:alert('js-link')">js link</a>, <a href=" JaVaScRiPt:${trapCall("js-link-mixed")}">mixed case</a>,
<a href="java&#x09;script:${trapCall("js-link-tab")}">tab</a>, <a href="data:text/html,<script>alert('data')</script>">data link</a>,
<a href="vbscript:msgbox(1)">vbscript</a>, <a href="http://attacker.test/" onclick="${trapCall("onclick")}">plain link</a></p>
<svg onload="${trapCall("svg")}"><script>${trapCall("svg-script")}</script><a xlink:href="javascript:alert('svg-a')"><text>svg</text></a></svg>
<iframe src="javascript:alert('iframe')"></iframe><iframe srcdoc="<script>parent.__xss('srcdoc')</script>"></iframe>
<object data="javascript:alert('object')"></object><embed src="http://attacker.test/x.swf">
<p style="background:url('http://attacker.test/bg.png')">Styled paragraph.</p>
<img src="http://attacker.test/pixel.png"><base href="http://attacker.test/">
<form action="http://attacker.test/"><input name="q" autofocus onfocus="${trapCall("autofocus")}"><button formaction="javascript:alert(1)">go</button></form>
<math><mtext><table><mglyph><style><img src=x onerror="${trapCall("mxss")}"></style></mglyph></table></mtext></math>
<details open ontoggle="${trapCall("ontoggle")}"><summary>More</summary></details>
<p>Officials said the figures were final.</p>`;

const HOSTILE_MARKDOWN = `Officials [said](javascript:alert('md-link')) it.

<img src=x onerror="${trapCall("md-html")}">

![pic](javascript:alert('md-image')) and <script>${trapCall("md-script")}</script>`;

const NOTES = [
  `<img src=x onerror="alert('note')">`,
  `"><script>${trapCall("note-script")}</script>`,
  `javascript:alert('note-js')`,
  `<svg/onload=${trapCall("note-svg")}>`,
  `<a href="javascript:alert(1)">click</a>`,
];

interface Watch {
  dialogs: string[];
  trapped: string[];
  foreign: string[];
  violations: string[];
}

/** Traps dialogs, trap calls, requests to any other host (aborted, never sent) and CSP reports. */
async function watch(context: BrowserContext, origin: string): Promise<Watch> {
  const w: Watch = { dialogs: [], trapped: [], foreign: [], violations: [] };
  await context.exposeBinding("__xss", (_source, label: string) => void w.trapped.push(label));
  await context.exposeBinding("__cspViolation", (_source, text: string) => void w.violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      w.foreign.push(route.request().url());
      return route.abort();
    },
  );
  context.on("page", (page) => page.on("dialog", (d) => void (w.dialogs.push(d.message()), d.dismiss())));
  return w;
}

/** Every attribute that could run script, and every link or source that is not http(s) or relative. */
async function liveAttributes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        const value = attr.value.trim().toLowerCase();
        if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
        if (["href", "src", "xlink:href", "action", "formaction", "data", "srcdoc"].includes(attr.name) && /^(javascript|data|vbscript):|^<|srcdoc/.test(value + (attr.name === "srcdoc" ? "srcdoc" : ""))) {
          found.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}`);
        }
      }
    }
    return found;
  });
}

test("hostile HTML, Markdown, titles and notes render inert on every page that shows them", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const context = await browser.newContext();
  const w = await watch(context, origin);
  const page = await context.newPage();
  await signIn(page, "editor@newsmark.test", "newsmark-editor");

  const title = `<script>alert('title')</script><img src=x onerror="${trapCall("title")}"> ${Date.now()}`;
  const imported = await page.request.post("/api/articles", {
    data: { title, byline: `<svg onload="${trapCall("byline")}">`, format: "html", content: HOSTILE_HTML },
  });
  expect(imported.status()).toBe(201);
  const article = (await imported.json()) as { article: { id: string }; revision: { id: string; text: string } };
  expect(article.revision.text).toContain("Officials said the figures were final.");
  const markdown = await page.request.post("/api/articles", { data: { title: `Markdown ${Date.now()}`, format: "markdown", content: HOSTILE_MARKDOWN } });
  expect(markdown.status()).toBe(201);
  const markdownId = ((await markdown.json()) as { article: { id: string } }).article.id;

  const text = article.revision.text;
  const start = [...text].length - [..."Officials said the figures were final."].length;
  const ids: string[] = [];
  for (const [i, note] of NOTES.entries()) {
    const kind = i === 0 ? "attribution" : "claim";
    const res = await page.request.post(`/api/articles/${article.article.id}/annotations`, {
      data: {
        revisionId: article.revision.id,
        kind,
        start: start + i,
        end: start + i + 9,
        note,
        ...(kind === "attribution" ? { attributes: { sourceName: `<img src=x onerror="alert('source')">`, sourceType: "person" } } : {}),
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }

  // A reviewer rejects one with a hostile reason, so it shows on the author's side too.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer@newsmark.test", "newsmark-reviewer");
  const rejected = await reviewer.request.post(`/api/annotations/${ids[1]}/review`, {
    data: { version: 1, decision: "reject", note: `<img src=x onerror="alert('review')">` },
  });
  expect(rejected.status()).toBe(200);
  await reviewerContext.close();

  const visits: [string, () => Promise<void>][] = [
    ["/", async () => void (await expect(page.getByText("<script>alert('title')</script>", { exact: false }).first()).toBeVisible())],
    [
      `/articles/${article.article.id}`,
      async () => {
        await expect(page.getByText("Officials said the figures were final.")).toBeVisible();
        await page.locator("h2").first().hover();
        // Open each annotation so its note, source name and review note are rendered.
        const details = page.getByRole("region", { name: "Selected annotation" });
        for (const [i, id] of ids.entries()) {
          await page.locator(`[data-entry-id="${id}"]`).click();
          await expect(details.getByLabel("Note")).toHaveValue(NOTES[i]!);
          if (i === 0) await expect(details.getByLabel("Source name")).toHaveValue(`<img src=x onerror="alert('source')">`);
          if (i === 1) await expect(details.getByText(`Reviewer’s reason: <img src=x onerror="alert('review')">`)).toBeVisible();
        }
      },
    ],
    [`/articles/${markdownId}`, async () => void (await expect(page.getByText("Officials said it.", { exact: false }).first()).toBeVisible())],
    ["/review", async () => void (await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible())],
  ];
  for (const [path, check] of visits) {
    await page.goto(path);
    await check();
    for (const link of await page.locator("main a[href]").all()) {
      const href = (await link.getAttribute("href")) ?? "";
      expect(href, `link on ${path}`).toMatch(/^(https?:\/\/|\/|#|\?)/);
    }
    expect(await liveAttributes(page), `live attributes on ${path}`).toEqual([]);
  }

  expect(w.dialogs, "dialogs").toEqual([]);
  expect(w.trapped, "payloads that ran").toEqual([]);
  expect(w.foreign, "requests to other hosts").toEqual([]);
  expect(w.violations, "CSP violations (the app's own pages must need none)").toEqual([]);
  await context.close();
});

test("pages send a Content-Security-Policy whose fresh nonce is on every script, and the usual headers", async ({ page, request }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const res = await page.request.get("/");
    const csp = res.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toMatch(/script-src [^;]*'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-(inline|eval)'/);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(directive);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "a script without this response's nonce").toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
    expect(res.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "same-origin" });
  }
  expect(nonces.size, "the nonce must change on every response").toBe(2);

  const signin = await request.get("/signin");
  expect(signin.headers()["content-security-policy"]).toMatch(/'nonce-/);
  const api = await request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("script injected into a served page is blocked by the policy, and the page still works", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const origin = new URL(baseURL!).origin;
  const injection = `<script>${trapCall("injected-inline")}</script><img src="x" onerror="${trapCall("injected-handler")}"><a id="trap" href="javascript:${trapCall("injected-href")}">x</a>`;
  const run = async (keepPolicy: boolean) => {
    const context = await browser.newContext();
    const w = await watch(context, origin);
    const page = await context.newPage();
    await signIn(page, "editor@newsmark.test", "newsmark-editor");
    await page.route(
      (url) => url.pathname === "/articles/new",
      async (route) => {
        const res = await route.fetch();
        const headers = { ...res.headers() };
        if (!keepPolicy) delete headers["content-security-policy"];
        await route.fulfill({ response: res, headers, body: (await res.text()).replace("</body>", `${injection}</body>`) });
      },
    );
    await page.goto("/articles/new");
    await expect(page.getByRole("heading", { name: "Import an article" })).toBeVisible();
    await page.locator("#trap").click();
    // The app's own scripts carry the nonce, so the page is interactive either way.
    await page.getByRole("link", { name: "Articles" }).first().click();
    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
    await context.close();
    return w;
  };
  const withPolicy = await run(true);
  expect(withPolicy.trapped, "injected code ran despite the policy").toEqual([]);
  expect(withPolicy.violations.length, "the browser reported the blocked script").toBeGreaterThan(0);
  // The control: without the header the very same injection runs, so the check above means something.
  const withoutPolicy = await run(false);
  expect(withoutPolicy.trapped).toEqual(expect.arrayContaining(["injected-inline", "injected-handler"]));
});
