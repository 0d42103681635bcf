import { defineConfig } from "@playwright/test";
import { CHROMIUM_EXECUTABLE, QUIET_CHROMIUM_ARGS } from "./tests/helpers/chromium";

// The app under test is a production build on its own port, with a fresh embedded database that
// the server seeds with the demo users and the sample article on first start.
const port = Number(process.env.E2E_PORT ?? 3100);
process.env.E2E_DATA_DIR ??= `.data/e2e-${Date.now()}`;

export default defineConfig({
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: [...QUIET_CHROMIUM_ARGS, "--disable-quic"],
    },
  },
  projects: [
    { name: "e2e", testDir: "tests/e2e" },
    // Servers of their own, started on the same build: a crash with SIGKILL mid-write, then many
    // editors at once. They run after the browser tests so the load does not slow those down.
    { name: "crash", testDir: "tests/resilience", testMatch: ["crash.spec.ts", "startup-secrets.spec.ts", "export-hangup.spec.ts"], dependencies: ["e2e"] },
    { name: "load", testDir: "tests/resilience", testMatch: "load.spec.ts", dependencies: ["crash"] },
    // Single sign-on through a real OpenID Connect provider in the test process, with a server of
    // its own configured for it (the main server runs without single sign-on).
    { name: "sso", testDir: "tests/sso", dependencies: ["e2e"] },
    // Live collaboration across two app instances of the same build on one PostgreSQL database.
    { name: "collab", testDir: "tests/collab", dependencies: ["e2e"] },
  ],
  webServer: {
    // E2E_SKIP_BUILD=1 reuses the last build, to rerun specs on code that has not changed.
    command: process.env.E2E_SKIP_BUILD ? "npm start" : "npm run build && npm start",
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    env: {
      PORT: String(port),
      NEWSMARK_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
