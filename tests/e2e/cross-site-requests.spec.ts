import { expect, test } from "@playwright/test";
import { signIn } from "./demo-users";

/**
 * A write carried by the session cookie must come from our own pages. Another site's page can
 * make the browser send a request, but the server refuses it (Origin check) and the browser
 * withholds the cookie anyway (SameSite=Lax). Reads stay readable; bearer tokens are not cookies
 * and are not affected (tests/security/cross-site.test.ts).
 */
const ATTACKER = "http://attacker.test";

test("cookie-authenticated writes from another origin are refused, the same writes from ours go through", async ({ page, baseURL }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const title = `Cross-site ${Date.now()}`;
  const forged = { headers: { origin: ATTACKER } };

  const created = await page.request.post("/api/articles", { ...forged, data: { title, format: "text", content: "Alpha beta gamma." } });
  expect(created.status()).toBe(403);
  expect((await created.json()).error.code).toBe("forbidden");
  const search = await page.request.get(`/api/articles?q=${encodeURIComponent(title)}`, forged);
  expect(search.status(), "reads from another origin are not writes").toBe(200);
  expect((await search.json()).items).toEqual([]);

  // The same request from our own origin is fine, which is what makes the refusal above meaningful.
  const ours = await page.request.post("/api/articles", { headers: { origin: baseURL! }, data: { title, format: "text", content: "Alpha beta gamma." } });
  expect(ours.status()).toBe(201);
  const article = (await ours.json()) as { article: { id: string }; revision: { id: string } };
  const tagged = await page.request.post(`/api/articles/${article.article.id}/annotations`, {
    headers: { origin: baseURL! },
    data: { revisionId: article.revision.id, kind: "claim", from: 1, to: 6 },
  });
  expect(tagged.status()).toBe(201);
  const annotation = (await tagged.json()) as { id: string; version: number };

  const attempts = [
    page.request.post(`/api/articles/${article.article.id}/annotations`, { ...forged, data: { revisionId: article.revision.id, kind: "hedge", from: 7, to: 11 } }),
    page.request.patch(`/api/annotations/${annotation.id}`, { ...forged, data: { version: annotation.version, note: "forged" } }),
    page.request.delete(`/api/annotations/${annotation.id}?version=${annotation.version}`, forged),
    page.request.post(`/api/articles/${article.article.id}/revisions`, { ...forged, data: { baseRevisionId: article.revision.id, doc: { type: "doc", content: [] } } }),
  ];
  for (const res of await Promise.all(attempts)) expect(res.status(), res.url()).toBe(403);
  const after = (await (await page.request.get(`/api/articles/${article.article.id}`)).json()) as {
    revision: { id: string };
    annotations: { id: string; note: string; version: number }[];
  };
  expect(after.revision.id).toBe(article.revision.id);
  expect(after.annotations).toEqual([expect.objectContaining({ id: annotation.id, note: "", version: 1 })]);
});

test("another site's page cannot make the signed-in browser write", async ({ page, baseURL }) => {
  await signIn(page, "editor@newsmark.test", "newsmark-editor");
  const title = `Forged from a page ${Date.now()}`;
  const target = `${baseURL}/api/articles`;
  const body = JSON.stringify({ title, format: "text", content: "Forged." });
  // The attacker's page is served by the test itself: nothing leaves this machine. It tries a
  // script request first (whatever becomes of it), then a form post, which always reaches us.
  await page.route(`${ATTACKER}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><body>
        <form method="POST" action=${JSON.stringify(target)} enctype="text/plain">
          <input name=${JSON.stringify(body.slice(0, -2) + ',"x":"')} value='"}'>
        </form>
        <script>
          fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(body)} })
            .catch(() => {})
            .finally(() => document.forms[0].submit());
        </script></body>`,
    }),
  );
  const formAnswer = page.waitForResponse((res) => res.url() === target && res.request().isNavigationRequest());
  await page.goto(`${ATTACKER}/page`);
  expect([400, 401, 403]).toContain((await formAnswer).status());
  const search = await page.request.get(`/api/articles?q=${encodeURIComponent(title)}`);
  expect((await search.json()).items).toEqual([]);
});
