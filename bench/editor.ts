import { writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import { chromium, type Page } from "@playwright/test";
import { generateArticle } from "./generate-article";
import { startServer } from "./start-server";
import { ms, percentile } from "./stats";

/**
 * Editor at scale, in headless Chromium against the production build: time from navigation to the
 * editor ready with every highlight drawn (baseline: the same article without annotations), and
 * the time from the tag shortcut to the new highlight painted (next animation frame).
 */
const WORDS = 10_000;
const ANNOTATIONS = 2_000;
const OPEN_RUNS = 5;
const TAG_RUNS = 30;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function signIn(page: Page, base: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill("editor@newsmark.test");
  await page.getByLabel("Password").fill("newsmark-editor");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Articles" }).waitFor();
}

async function createArticle(page: Page, base: string, withAnnotations: boolean): Promise<string> {
  const article = generateArticle(WORDS, withAnnotations ? ANNOTATIONS : 0);
  const res = await page.request.post(`${base}/api/articles`, {
    data: { title: article.title, format: "text", content: article.paragraphs.join("\n\n") },
  });
  if (res.status() !== 201) throw new Error(`import failed: ${res.status()} ${await res.text()}`);
  const { article: created, revision } = (await res.json()) as { article: { id: string }; revision: { id: string } };
  let next = 0;
  const worker = async () => {
    while (next < article.spans.length) {
      const span = article.spans[next++]!;
      const r = await page.request.post(`${base}/api/articles/${created.id}/annotations`, {
        data: { revisionId: revision.id, kind: span.kind, start: span.start, end: span.end },
      });
      if (r.status() !== 201) throw new Error(`annotation failed: ${r.status()} ${await r.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return created.id;
}

/** Milliseconds from navigation start until the editor is mounted with `expected` highlights drawn. */
async function timeToReady(page: Page, url: string, expected: number): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  return page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const mounted = document.querySelector(".editor-mount[data-ready=true]");
          const drawn = new Set([...document.querySelectorAll("[data-annotation-id]")].map((e) => e.getAttribute("data-annotation-id"))).size;
          if (mounted && drawn >= expected) requestAnimationFrame(() => resolve(performance.now()));
          else requestAnimationFrame(check);
        };
        check();
      }),
    expected,
  );
}

/** Milliseconds from the tag shortcut's keydown to the frame after the new highlight appears. */
async function tagToPaint(page: Page, paragraph: number): Promise<number> {
  await page.evaluate((index) => {
    const all = document.querySelectorAll(".editor-surface p");
    if (!all[index]) throw new Error(`no paragraph ${index} of ${all.length}; ${document.location.href} ${document.querySelector(".editor-surface")?.outerHTML.slice(0, 300)}`);
    const p = all[index]!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const first = walker.nextNode() as Text;
    const range = document.createRange();
    range.setStart(first, 0);
    range.setEnd(first, Math.min(first.length, 12));
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const before = document.querySelectorAll("[data-annotation-id]").length;
    const w = window as unknown as { tagTiming: Promise<number> };
    w.tagTiming = new Promise<number>((resolve) => {
      let t0 = 0;
      document.addEventListener("keydown", () => (t0 = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll("[data-annotation-id]").length > before) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      });
      observer.observe(document.querySelector(".editor-surface")!, { childList: true, subtree: true, attributes: true });
    });
  }, paragraph);
  await page.waitForFunction(() => (getSelection()?.toString().length ?? 0) > 0);
  await page.keyboard.press("Control+Alt+1");
  return page.evaluate(() => (window as unknown as { tagTiming: Promise<number> }).tagTiming);
}

async function main() {
  const server = await startServer(3210);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx keeps function names with a helper that does not exist in the page; supply it there.
    await page.addInitScript("globalThis.__name = (fn) => fn;");
    await signIn(page, server.url);
    const plain = await createArticle(page, server.url, false);
    const annotated = await createArticle(page, server.url, true);
    const open = async (id: string, expected: number) => {
      const samples: number[] = [];
      for (let i = 0; i < OPEN_RUNS; i++) samples.push(await timeToReady(page, `${server.url}/articles/${id}`, expected));
      return samples;
    };
    const baselineOpen = await open(plain, 0);
    const annotatedOpen = await open(annotated, ANNOTATIONS);
    const tags: number[] = [];
    for (let i = 0; i < TAG_RUNS; i++) tags.push(await tagToPaint(page, 5 + i * 5));
    const result = {
      name: "editor",
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
      article: { words: WORDS, annotations: ANNOTATIONS },
      openMs: { baselineP50: ms(percentile(baselineOpen, 50)), annotatedP50: ms(percentile(annotatedOpen, 50)), ratio: ms(percentile(annotatedOpen, 50) / percentile(baselineOpen, 50)) },
      tagToPaintMs: { p50: ms(percentile(tags, 50)), p95: ms(percentile(tags, 95)), runs: TAG_RUNS },
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync("bench/results/editor.json", JSON.stringify(result, null, 2) + "\n");
    console.table({
      "open, no annotations (p50 ms)": result.openMs.baselineP50,
      "open, 2,000 annotations (p50 ms)": result.openMs.annotatedP50,
      "open ratio": result.openMs.ratio,
      "tag-to-paint p50 (ms)": result.tagToPaintMs.p50,
      "tag-to-paint p95 (ms)": result.tagToPaintMs.p95,
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
