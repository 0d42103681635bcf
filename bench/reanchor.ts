import { performance } from "node:perf_hooks";
import { CodePointText } from "@/lib/anchoring/code-points";
import { quoteAt } from "@/lib/anchoring/quote";
import { reanchor, type OldAnchor } from "@/lib/anchoring/reanchor";
import { machine, type Bench } from "./bench-result";
import { generateArticle } from "./generate-article";
import { reviseParagraphs } from "./revise-article";
import { ms, percentile, round2 } from "./stats";

const WORDS = 10_000;
const ANNOTATIONS = 2_000;
const SHARE = 0.05;
const RUNS = 7;
const TARGET_MS = 100;

/**
 * Re-anchoring 2,000 annotations of a 10,000-word article after a revision touching 5% of its
 * paragraphs, in process (it is pure code). Baseline: one indexOf per quote, the least any
 * re-anchoring has to do.
 */
export const reanchorBench: Bench = {
  name: "reanchor",
  needsBuild: false,
  async run() {
    const article = generateArticle(WORDS, ANNOTATIONS);
    const oldText = article.text;
    const revision = reviseParagraphs(article.paragraphs, SHARE);
    const newText = revision.paragraphs.join("\n\n");
    const points = new CodePointText(oldText);
    const anchors: OldAnchor[] = article.spans.map((span, i) => ({ id: String(i), start: span.start, end: span.end, quote: quoteAt(points, span.start, span.end) }));

    const timed = (work: () => unknown) => {
      const samples: number[] = [];
      work(); // Warm-up: compile the hot paths before timing.
      for (let i = 0; i < RUNS; i++) {
        const began = performance.now();
        work();
        samples.push(performance.now() - began);
      }
      return samples;
    };
    let found = 0;
    const baseline = timed(() => {
      found = 0;
      for (const anchor of anchors) if (newText.indexOf(anchor.quote.exact) !== -1) found++;
    });
    const results = reanchor(oldText, newText, anchors);
    const samples = timed(() => reanchor(oldText, newText, anchors));
    const outcomes = { kept: 0, moved: 0, changed: 0, orphaned: 0 };
    for (const r of results) outcomes[r.outcome]++;

    const p50 = percentile(samples, 50);
    const baselineP50 = percentile(baseline, 50);
    const result = {
      name: "reanchor",
      at: new Date().toISOString(),
      machine: machine(),
      article: { words: article.words, paragraphs: article.paragraphs.length, annotations: anchors.length, touchedParagraphs: revision.touched.length },
      runs: RUNS,
      reanchorMs: { p50: ms(p50), max: ms(Math.max(...samples)) },
      baselineIndexOfMs: { p50: ms(baselineP50), quotesFound: found },
      ratio: round2(p50 / baselineP50),
      outcomes,
      targetMs: TARGET_MS,
    };
    return {
      result,
      figures: [
        { bench: "reanchor", figure: "re-anchor 2,000 annotations, p50 (ms)", value: ms(p50), target: `<= ${TARGET_MS}`, met: p50 <= TARGET_MS },
        { bench: "reanchor", figure: "baseline indexOf per quote, p50 (ms)", value: ms(baselineP50) },
        { bench: "reanchor", figure: "ratio to baseline", value: round2(p50 / baselineP50) },
        { bench: "reanchor", figure: "kept / moved / changed / orphaned", value: `${outcomes.kept} / ${outcomes.moved} / ${outcomes.changed} / ${outcomes.orphaned}` },
      ],
    };
  },
};
