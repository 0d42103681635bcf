/**
 * Deterministic news-like prose and overlapping annotations of every kind, at any size, for
 * benchmarks. The same seed always gives the same article, so runs compare like with like.
 */

const SUBJECTS = ["The minister", "A spokesperson for the council", "The central bank", "Opposition leaders", "The company", "Local residents", "Officials in Brussels", "The prosecutor", "Analysts at the institute", "The health authority"];
const VERBS = ["said", "claimed", "warned", "insisted", "suggested", "reported", "denied", "confirmed", "estimated", "argued"];
const HEDGES = ["reportedly", "possibly", "according to early figures", "it appears", "perhaps", "allegedly", "in some cases", "likely"];
const OBJECTS = ["that inflation would fall below three percent by spring", "the budget gap had widened to 4.2 billion euros", "the new rail line would open two years late", "the vaccine programme reached 80 percent of adults", "negotiations with the unions had stalled again", "the river levels were the highest since 1993", "the merger would cut about 1,200 jobs", "emissions dropped by 7 percent last year", "the ceasefire was holding in most districts", "the court would rule before the summer recess"];
const NOTES = ["", "", "Check against the ministry's figures.", "Source named in the second paragraph.", "Needs a second source.", "Figure differs from last week's report."];
const SOURCE_TYPES = ["person", "organisation", "document", "anonymous"] as const;
const TAILS = ["in a statement on Tuesday", "during a press conference", "in an interview with local radio", "citing internal documents", "without giving further details", "after a closed-door meeting", "in a report published overnight"];

/** A small seeded generator of numbers in [0, 1): the same seed gives the same sequence on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedSpan {
  kind: "claim" | "hedge" | "attribution";
  /** Code-point offsets into the plain text (paragraphs joined by a blank line). */
  start: number;
  end: number;
  note: string;
  /** Kind-specific attributes, as an editor would fill them in (valid for the API's schemas). */
  attributes: Record<string, unknown>;
}

export interface GeneratedArticle {
  title: string;
  paragraphs: string[];
  text: string;
  words: number;
  spans: GeneratedSpan[];
}

/** An article of about `words` words with `annotations` overlapping spans. */
export function generateArticle(words: number, annotations: number, seed = 42): GeneratedArticle {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    for (let s = 0; s < 3 + Math.floor(random() * 3); s++) {
      const hedge = random() < 0.3 ? ` ${pick(HEDGES)}` : "";
      sentences.push(`${pick(SUBJECTS)}${hedge} ${pick(VERBS)} ${pick(OBJECTS)}, ${pick(TAILS)}.`);
    }
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  const text = paragraphs.join("\n\n");
  // Word boundaries in the text (ASCII prose, so code points equal UTF-16 units here).
  const bounds: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\s]+/g)) bounds.push({ start: m.index, end: m.index + m[0].length });
  const spans: GeneratedSpan[] = [];
  const kinds = ["claim", "hedge", "attribution"] as const;
  for (let i = 0; i < annotations; i++) {
    const first = Math.floor(random() * (bounds.length - 12));
    const length = 1 + Math.floor(random() * 10);
    const kind = kinds[i % 3]!;
    const start = bounds[first]!.start;
    const end = bounds[first + length]!.end;
    const attributes =
      kind === "claim"
        ? { checkWorthy: random() < 0.5 }
        : kind === "attribution"
          ? { sourceName: pick(SUBJECTS).replace(/^(The|A) /, ""), sourceType: pick(SOURCE_TYPES) }
          : {};
    spans.push({ kind, start, end, note: pick(NOTES), attributes });
  }
  return { title: `Benchmark article: ${count} words, ${annotations} annotations`, paragraphs, text, words: count, spans };
}
