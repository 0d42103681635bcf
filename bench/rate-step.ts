import { cpuSnapshot, cpuSpent } from "./cpu-usage";
import { atFixedRate } from "./open-loop";
import { latencySummary, round2 } from "./stats";

/**
 * One step of a capacity ladder: `send` offered at `rate` for `seconds` in an open loop, with the
 * CPU the server, PostgreSQL and this process spent meanwhile. The three share the machine's cores,
 * so the CPU says which of them ran out first when a step fails.
 */
export async function stepAtRate(serverPid: number, rate: number, seconds: number, send: (i: number) => Promise<unknown>) {
  const before = cpuSnapshot(serverPid);
  const run = await atFixedRate(rate, seconds, send);
  const cpu = cpuSpent(before, cpuSnapshot(serverPid));
  const answered = run.latencies.length;
  return {
    rate,
    scheduled: run.scheduled,
    answered,
    /** Answers per second over the step, backlog included: below the rate when the server fell behind. */
    throughput: round2(answered / run.seconds),
    seconds: round2(run.seconds),
    /** From each request's scheduled send time. */
    latencyMs: latencySummary(run.latencies),
    /** From each request's actual send: the server's share of the latency. */
    serviceMs: latencySummary(run.service),
    /** This process's lag in sending: if it grows, the client, not the server, is what is measured. */
    sendLagMs: latencySummary(run.sendLag),
    errors: run.errors,
    serverErrors: run.serverErrors,
    errorSamples: run.errorSamples,
    cpuSeconds: cpu,
    serverCpuMsPerRequest: answered > 0 ? round2((cpu.server * 1000) / answered) : null,
  };
}

export type RateStep = Awaited<ReturnType<typeof stepAtRate>>;
