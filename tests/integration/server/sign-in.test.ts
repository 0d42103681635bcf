import { expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/prisma";
import { LOGIN_WINDOW_MS, MAX_FAILED_LOGINS } from "@/lib/server/auth/login-throttle";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { createTestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

const MINUTE = 60 * 1000;

/** Inserts failed attempts for an email as if they happened `ago` milliseconds before now. */
async function pastFailures(prisma: PrismaClient, email: string, count: number, ago: number): Promise<void> {
  const at = new Date(Date.now() - ago);
  await prisma.loginAttempt.createMany({ data: Array.from({ length: count }, () => ({ email, succeeded: false, at })) });
}

describeEachDatabase("verifyCredentials", (db) => {
  it("accepts the right password and records a successful attempt", async () => {
    const user = await createTestUser(db.prisma, { role: "reviewer" });
    const result = await verifyCredentials(db.prisma, { email: user.email.toUpperCase(), password: user.password });
    expect(result).toEqual({ actor: { id: user.id, email: user.email, name: user.name, role: "reviewer" } });
    const attempts = await db.prisma.loginAttempt.findMany({ where: { email: user.email } });
    expect(attempts.map((a) => a.succeeded)).toEqual([true]);
  });

  it("refuses a wrong password or an unknown email as invalid, recording the failure", async () => {
    const user = await createTestUser(db.prisma, { role: "editor" });
    expect(await verifyCredentials(db.prisma, { email: user.email, password: "wrong password!" })).toEqual({ refused: "invalid" });
    expect(await verifyCredentials(db.prisma, { email: "nobody@newsmark.test", password: user.password })).toEqual({ refused: "invalid" });
    expect(await verifyCredentials(db.prisma, { email: user.email })).toEqual({ refused: "invalid" });
    expect(await db.prisma.loginAttempt.count({ where: { email: user.email, succeeded: false } })).toBe(1);
    expect(await db.prisma.loginAttempt.count({ where: { email: "nobody@newsmark.test", succeeded: false } })).toBe(1);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await createTestUser(db.prisma, { role: "editor", disabled: true });
    expect(await verifyCredentials(db.prisma, { email: user.email, password: user.password })).toEqual({ refused: "disabled" });
    expect(await db.prisma.loginAttempt.count({ where: { email: user.email, succeeded: true } })).toBe(0);
  });

  it("throttles an email after ten failures, even for the right password, leaving other emails alone", async () => {
    const user = await createTestUser(db.prisma, { role: "editor" });
    const bystander = await createTestUser(db.prisma, { role: "editor" });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect(await verifyCredentials(db.prisma, { email: user.email, password: `wrong password ${i}` })).toEqual({ refused: "invalid" });
    }
    const result = await verifyCredentials(db.prisma, { email: user.email, password: user.password });
    expect(result).toMatchObject({ refused: "throttled" });
    const retryAfter = (result as { retryAfter?: number }).retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    // A throttled attempt does not even reach the password check, so no success is recorded.
    expect(await db.prisma.loginAttempt.count({ where: { email: user.email, succeeded: true } })).toBe(0);

    expect(await verifyCredentials(db.prisma, { email: bystander.email, password: bystander.password })).toHaveProperty("actor");
  });

  it("throttles by the oldest recent failure: retryAfter is when it leaves the window", async () => {
    const user = await createTestUser(db.prisma, { role: "editor" });
    await pastFailures(db.prisma, user.email, MAX_FAILED_LOGINS, 14 * MINUTE);
    const result = await verifyCredentials(db.prisma, { email: user.email, password: user.password });
    expect(result).toMatchObject({ refused: "throttled" });
    const retryAfter = (result as { retryAfter: number }).retryAfter;
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("ignores failures older than the 15-minute window", async () => {
    const user = await createTestUser(db.prisma, { role: "editor" });
    await pastFailures(db.prisma, user.email, 3 * MAX_FAILED_LOGINS, LOGIN_WINDOW_MS + MINUTE);
    await pastFailures(db.prisma, user.email, MAX_FAILED_LOGINS - 1, 5 * MINUTE);
    expect(await verifyCredentials(db.prisma, { email: user.email, password: user.password })).toHaveProperty("actor");
  });

  it("counts failures per email case-insensitively", async () => {
    const user = await createTestUser(db.prisma, { role: "editor" });
    await pastFailures(db.prisma, user.email, MAX_FAILED_LOGINS - 1, MINUTE);
    const shouted = await verifyCredentials(db.prisma, { email: user.email.toUpperCase(), password: "wrong password!" });
    expect(shouted).toEqual({ refused: "invalid" });
    expect(await verifyCredentials(db.prisma, { email: user.email, password: user.password })).toMatchObject({ refused: "throttled" });
  });
});
