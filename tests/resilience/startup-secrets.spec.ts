import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * A production server on PostgreSQL must refuse to start without a strong NEXTAUTH_SECRET (anyone
 * holding the key can forge any session), say which variable to fix, and not print the secret.
 */
const basePort = Number(process.env.E2E_PORT ?? 3100) + 13;
const NEXT_BIN = path.resolve("node_modules", "next", "dist", "bin", "next");

function startProduction(secret: string | undefined, port: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Never reached: the secret is checked before the database is opened.
      DATABASE_URL: "postgresql://newsmark@127.0.0.1:9/newsmark",
      NEXTAUTH_URL: `http://localhost:${port}`,
    };
    if (secret === undefined) delete env.NEXTAUTH_SECRET;
    else env.NEXTAUTH_SECRET = secret;
    const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const CASES = [
  ["no secret", undefined],
  ["a short secret", "short-but-secret-9f3"],
  ["a placeholder", "please-change-this-nextauth-secret-before-going-live"],
] as const;

for (const [index, [label, secret]] of CASES.entries()) {
  test(`production on PostgreSQL with ${label} refuses to start`, async () => {
    test.setTimeout(60_000);
    const { code, output } = await startProduction(secret, basePort + index);
    expect(code, output).not.toBe(0);
    expect(output).toContain("Newsmark cannot start");
    expect(output).toContain("NEXTAUTH_SECRET");
    if (secret) expect(output).not.toContain(secret);
  });
}
