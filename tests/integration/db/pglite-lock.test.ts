import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseLockedError, lockDataDir } from "@/lib/db/pglite-lock";

const LOCK_FILE = "newsmark.lock";

/** Starts a node process that stays alive until killed. */
async function startIdleProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await once(child, "spawn");
  return child;
}

describe("lockDataDir", () => {
  let root: string;
  let live: ChildProcess;
  const folder = (name: string) => path.join(root, name);
  const lockFile = (name: string) => path.join(folder(name), LOCK_FILE);

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "newsmark-lock-"));
    live = await startIdleProcess();
  });

  afterAll(() => {
    live.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it("creates the folder and a lock file holding this process's pid; release removes it", () => {
    const release = lockDataDir(folder("fresh"));
    expect(readFileSync(lockFile("fresh"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile("fresh"))).toBe(false);
  });

  it("lets the same process lock the folder again without harm", () => {
    const release = lockDataDir(folder("twice"));
    const again = lockDataDir(folder("twice"));
    expect(readFileSync(lockFile("twice"), "utf8")).toBe(String(process.pid));
    // The second lock's release must not drop the first one's lock.
    again();
    expect(readFileSync(lockFile("twice"), "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile("twice"))).toBe(false);
  });

  it("refuses a folder locked by another live process, naming DATABASE_URL as the way out", () => {
    lockDataDir(folder("taken"))();
    writeFileSync(lockFile("taken"), String(live.pid));
    let failure: unknown;
    try {
      lockDataDir(folder("taken"));
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(DatabaseLockedError);
    expect((failure as Error).message).toContain("DATABASE_URL");
    expect((failure as Error).message).toContain(`pid ${live.pid}`);
    // The other process's lock is left alone.
    expect(readFileSync(lockFile("taken"), "utf8")).toBe(String(live.pid));
  });

  it("takes over a lock left by a process that has exited", async () => {
    const dead = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    const [code] = await once(dead, "exit");
    expect(code).toBe(0);
    lockDataDir(folder("stale"))();
    writeFileSync(lockFile("stale"), String(dead.pid));
    const release = lockDataDir(folder("stale"));
    expect(readFileSync(lockFile("stale"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over a lock file whose content is not a pid", () => {
    lockDataDir(folder("garbled"))();
    writeFileSync(lockFile("garbled"), "not a pid");
    const release = lockDataDir(folder("garbled"));
    expect(readFileSync(lockFile("garbled"), "utf8")).toBe(String(process.pid));
    release();
  });
});
