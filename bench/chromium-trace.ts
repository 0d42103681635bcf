import { writeFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  id2?: { local?: string; global?: string };
  args?: { data?: Record<string, unknown>; elementCount?: number; beginData?: Record<string, unknown> };
}

/** Main-thread work in one timed window, in ms by kind of work, and the rendering of the frame that followed. */
export interface WindowSummary {
  ms: number;
  /** Self time of the main thread's work inside the window, by trace event name (top-level slices only). */
  inside: Record<string, number>;
  /** Style recalculation inside the window: how many elements it visited. */
  styleElements: number;
  /** The rendering work (style, layout, pre-paint, paint, commit) of the frame right after the window. */
  nextFrame: Record<string, number>;
  nextFrameStyleElements: number;
}

/** Per-window figures, plus their sums over all windows. */
export interface TraceSummary {
  windows: WindowSummary[];
  totals: { inside: Record<string, number>; nextFrame: Record<string, number> };
}

// The slices that say what the main thread was doing; their children are attributed to them.
const RENDERING = new Set(["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "UpdateLayer", "IntersectionObserverController::computeIntersections"]);
const WORK = new Set([...RENDERING, "EventDispatch", "FunctionCall", "RunMicrotasks", "FireAnimationFrame", "TimerFire", "ParseHTML", "EvaluateScript", "V8.GC_SCAVENGER", "MajorGC", "MinorGC", "HitTest", "ScheduleStyleRecalculation"]);

/**
 * Records a Chromium trace while `body` runs, and summarises what the renderer's main thread did
 * inside each `performance.measure(name)` the page made, and in the frame right after it.
 * BENCH_TRACE_OUT=file.json keeps the raw trace (as file-NAME.json, with its samples of the page's
 * JavaScript stacks); BENCH_TRACE_INVALIDATIONS=1 adds what invalidated
 * style and layout (with the scripts that did it), at some cost in overhead.
 */
export async function traceWindows(browser: Browser, page: Page, measureName: string, body: () => Promise<void>): Promise<TraceSummary> {
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "blink.user_timing", "disabled-by-default-devtools.timeline", "v8", "disabled-by-default-v8.cpu_profiler", ...(process.env.BENCH_TRACE_INVALIDATIONS ? ["disabled-by-default-devtools.timeline.invalidationTracking"] : [])],
  });
  await body();
  const buffer = await browser.stopTracing();
  // The raw trace opens in Chromium's DevTools (Performance panel) for a closer look.
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT.replace(/(\.json)?$/, `-${measureName}.json`), buffer);
  const events = (JSON.parse(buffer.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
  return summarise(events, measureName);
}

function summarise(events: TraceEvent[], measureName: string): TraceSummary {
  const begins = new Map<string, number>();
  const windows: [number, number][] = [];
  for (const e of events) {
    if (e.cat !== "blink.user_timing" || e.name !== measureName) continue;
    const key = e.id ?? e.id2?.local ?? e.id2?.global ?? "";
    if (e.ph === "b") begins.set(key, e.ts);
    else if (e.ph === "e" && begins.has(key)) windows.push([begins.get(key)!, e.ts]);
  }
  windows.sort((a, b) => a[0] - b[0]);
  // The page's main thread: the one that recalculated style most often.
  const styleByThread = new Map<string, number>();
  for (const e of events) if (e.name === "UpdateLayoutTree") styleByThread.set(`${e.pid}:${e.tid}`, (styleByThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...styleByThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const slices = events
    .filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === main && WORK.has(e.name) && typeof e.dur === "number")
    .sort((a, b) => a.ts - b.ts);
  // Keep top-level slices only: a child inside an already-counted slice would be counted twice.
  const top: TraceEvent[] = [];
  let coveredUntil = -Infinity;
  for (const s of slices) {
    if (s.ts >= coveredUntil) {
      top.push(s);
      coveredUntil = s.ts + s.dur!;
    }
  }
  const round = (value: number) => Math.round(value * 10) / 10;
  const add = (into: Record<string, number>, name: string, us: number) => (into[name] = round((into[name] ?? 0) + us / 1000));
  const totals = { inside: {} as Record<string, number>, nextFrame: {} as Record<string, number> };
  const summaries = windows.map(([start, end], index): WindowSummary => {
    const inside: Record<string, number> = {};
    const nextFrame: Record<string, number> = {};
    let styleElements = 0;
    let nextFrameStyleElements = 0;
    const nextStart = windows[index + 1]?.[0] ?? Infinity;
    let frameEnd = Infinity;
    for (const s of top) {
      const sEnd = s.ts + s.dur!;
      if (sEnd > start && s.ts < end) {
        const overlap = Math.min(sEnd, end) - Math.max(s.ts, start);
        add(inside, s.name, overlap);
        add(totals.inside, s.name, overlap);
        if (s.name === "UpdateLayoutTree") styleElements += Number(s.args?.elementCount ?? s.args?.beginData?.elementCount ?? 0);
      } else if (s.ts >= end && s.ts < Math.min(nextStart, frameEnd) && RENDERING.has(s.name)) {
        // The frame after the window: rendering slices until its commit (or 50 ms, whichever first).
        if (s.ts > end + 50_000) continue;
        add(nextFrame, s.name, s.dur!);
        add(totals.nextFrame, s.name, s.dur!);
        if (s.name === "UpdateLayoutTree") nextFrameStyleElements += Number(s.args?.elementCount ?? s.args?.beginData?.elementCount ?? 0);
        if (s.name === "Commit") frameEnd = sEnd;
      }
    }
    return { ms: round((end - start) / 1000), inside, styleElements, nextFrame, nextFrameStyleElements };
  });
  return { windows: summaries, totals };
}
