import { performance } from "node:perf_hooks";
import { HttpError } from "./editor-requests";

/** What one run at a fixed arrival rate measured. */
export interface OpenLoopRun {
  rate: number;
  /** Requests scheduled (rate × seconds): every one was sent, however late the answers. */
  scheduled: number;
  /** From the first scheduled send to the last answer: longer than the window when a backlog formed. */
  seconds: number;
  /** Per answered request, from its scheduled send time to its answer: what a user waits, queueing included. */
  latencies: number[];
  /** Per answered request, from the moment it was actually sent to its answer. */
  service: number[];
  /** How late each request left against its schedule: this process's own lag, which the latencies include. */
  sendLag: number[];
  errors: number;
  serverErrors: number;
  errorSamples: string[];
}

/** Tick of the scheduler: it sends every request that is due, then sleeps this long at most. */
const TICK_MS = 1;

/**
 * Sends `send(i)` at a fixed rate for `seconds`, request i at start + i / rate, whether or not the
 * earlier ones were answered (an open loop, as independent users send). A closed loop, where the
 * next request waits for the last answer, slows down with the server and so never sees the queue
 * a slow answer builds in front of everyone else's requests (coordinated omission). Here each
 * latency counts from the request's scheduled time, so a stall shows in every request it holds
 * back, including any delay in this process sending it.
 */
export async function atFixedRate(rate: number, seconds: number, send: (i: number) => Promise<unknown>): Promise<OpenLoopRun> {
  const scheduled = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const service: number[] = [];
  const sendLag: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let serverErrors = 0;
  const inFlight: Promise<void>[] = [];
  const began = performance.now();
  let lastAnswer = began;

  const fire = async (i: number, at: number) => {
    const sent = performance.now();
    sendLag.push(sent - at);
    try {
      await send(i);
      const answered = performance.now();
      latencies.push(answered - at);
      service.push(answered - sent);
      lastAnswer = Math.max(lastAnswer, answered);
    } catch (err) {
      errors++;
      if (err instanceof HttpError && err.status >= 500) serverErrors++;
      if (errorSamples.length < 5) errorSamples.push((err instanceof Error ? err.message : String(err)).slice(0, 300));
      lastAnswer = Math.max(lastAnswer, performance.now());
    }
  };

  // One timer for the whole run rather than one per request: thousands of pending timers would
  // cost this process the CPU it shares with the server, and a due request is sent at the next tick.
  for (let next = 0; next < scheduled; ) {
    const now = performance.now();
    for (; next < scheduled && began + next * interval <= now; next++) inFlight.push(fire(next, began + next * interval));
    if (next < scheduled) await new Promise((resolve) => setTimeout(resolve, Math.min(TICK_MS, began + next * interval - now)));
  }
  await Promise.all(inFlight);
  return { rate, scheduled, seconds: (lastAnswer - began) / 1000, latencies, service, sendLag, errors, serverErrors, errorSamples };
}
