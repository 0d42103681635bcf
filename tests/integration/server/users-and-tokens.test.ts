import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { hashToken } from "@/lib/server/tokens/token-secret";
import { AppError } from "@/lib/server/errors";
import { OPERATOR } from "@/lib/server/operator";
import { authenticateToken } from "@/lib/server/tokens/authenticate-token";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";
import { revokeToken } from "@/lib/server/tokens/revoke-token";
import { issuePasswordSetup } from "@/lib/server/users/issue-password-setup";
import { redeemPasswordSetup } from "@/lib/server/users/redeem-password-setup";
import { createUser } from "@/lib/server/users/create-user";
import { createTestToken, createTestUser, uniqueEmail } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

const PASSWORD = "a long enough password";

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`Expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

describeEachDatabase("users and tokens", (db) => {
  describe("createUser", () => {
    it("stores the email in lower case and returns the actor without secrets", async () => {
      const input = { email: "  Mixed.Case@Example.COM ", name: "Mixed", role: "reviewer" as const, password: PASSWORD };
      const actor = await createUser(db.prisma, OPERATOR, input);
      expect(actor).toEqual({ id: expect.any(String), email: "mixed.case@example.com", name: "Mixed", role: "reviewer" });
      const row = await db.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
      expect(row.email).toBe("mixed.case@example.com");
    });

    it("refuses a second user with the same email, whatever its case, as a conflict", async () => {
      const before = await db.prisma.user.count();
      const err = await rejection(createUser(db.prisma, OPERATOR, { email: "MIXED.case@example.com", name: "Again", password: PASSWORD }));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("conflict");
      expect(await db.prisma.user.count()).toBe(before);
    });

    it("rejects an invalid email or a short password with a ZodError, writing nothing", async () => {
      const before = await db.prisma.user.count();
      expect(await rejection(createUser(db.prisma, OPERATOR, { email: "not-an-email", name: "Bad", password: PASSWORD }))).toBeInstanceOf(
        ZodError,
      );
      expect(await rejection(createUser(db.prisma, OPERATOR, { email: uniqueEmail(), name: "Short", password: "short" }))).toBeInstanceOf(
        ZodError,
      );
      expect(await db.prisma.user.count()).toBe(before);
    });

    it("lets an admin create users but not an editor", async () => {
      const editor = await createTestUser(db.prisma, { role: "editor" });
      const admin = await createTestUser(db.prisma, { role: "admin" });
      const email = uniqueEmail("made-by");
      const err = await rejection(createUser(db.prisma, editor, { email, name: "Nope", password: PASSWORD }));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("forbidden");
      expect(await db.prisma.user.findUnique({ where: { email } })).toBeNull();

      const created = await createUser(db.prisma, admin, { email, name: "Yes", password: PASSWORD });
      expect(created.email).toBe(email);
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.create", entityId: created.id } });
      expect(audit.actorId).toBe(admin.id);
    });

    it("stores passwords only as argon2id hashes", async () => {
      const user = await createTestUser(db.prisma, { role: "editor", password: "plain text secret 123" });
      const row = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain("plain text secret 123");
      const dump = JSON.stringify(await db.prisma.$queryRawUnsafe(`SELECT * FROM users`));
      expect(dump).not.toContain("plain text secret 123");
    });
  });

  describe("tokens", () => {
    it("returns the token once and stores only its hash", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const { token, id } = await createToken(db.prisma, OPERATOR, { email: user.email, name: "CI script" });
      expect(token).toMatch(/^nmk_[A-Za-z0-9_-]{43}$/);
      const row = await db.prisma.accessToken.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ userId: user.id, name: "CI script", tokenHash: hashToken(token), revokedAt: null });
      const dump = JSON.stringify(await db.prisma.$queryRawUnsafe(`SELECT * FROM access_tokens`));
      expect(dump).toContain(hashToken(token));
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice(4));
    });

    it("authenticates a valid token as its user and records its use", async () => {
      const user = await createTestUser(db.prisma, { role: "reviewer" });
      const token = await createTestToken(db.prisma, user.email);
      expect(await authenticateToken(db.prisma, token)).toEqual({ id: user.id, email: user.email, name: user.name, role: "reviewer" });
      const row = await db.prisma.accessToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
      expect(row.lastUsedAt).toBeInstanceOf(Date);
    });

    it("rejects a made-up token, even one of the right shape", async () => {
      expect(await authenticateToken(db.prisma, `nmk_${"A".repeat(43)}`)).toBeNull();
      expect(await authenticateToken(db.prisma, "not-a-token")).toBeNull();
      expect(await authenticateToken(db.prisma, "")).toBeNull();
    });

    it("rejects a revoked token", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const token = await createTestToken(db.prisma, user.email);
      expect(await authenticateToken(db.prisma, token)).not.toBeNull();
      await db.prisma.accessToken.update({ where: { tokenHash: hashToken(token) }, data: { revokedAt: new Date() } });
      expect(await authenticateToken(db.prisma, token)).toBeNull();
    });

    it("rejects the token of a user who has been disabled", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const token = await createTestToken(db.prisma, user.email);
      expect(await authenticateToken(db.prisma, token)).not.toBeNull();
      await db.prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
      expect(await authenticateToken(db.prisma, token)).toBeNull();
    });

    it("lets editors issue tokens only for themselves, and never for a disabled user", async () => {
      const editor = await createTestUser(db.prisma, { role: "editor" });
      const other = await createTestUser(db.prisma, { role: "editor" });
      const forbidden = await rejection(createToken(db.prisma, editor, { email: other.email }));
      expect((forbidden as AppError).code).toBe("forbidden");
      expect((await createToken(db.prisma, editor, { email: editor.email })).token).toMatch(/^nmk_/);

      const disabled = await createTestUser(db.prisma, { role: "editor", disabled: true });
      const conflict = await rejection(createToken(db.prisma, OPERATOR, { email: disabled.email }));
      expect((conflict as AppError).code).toBe("conflict");
      expect(await db.prisma.accessToken.count({ where: { userId: { in: [other.id, disabled.id] } } })).toBe(0);
    });

    it("honours an expiry: a token works until it, and is refused from then on", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const { token, id, expiresAt } = await createToken(db.prisma, OPERATOR, { email: user.email, name: "Week", expiresInDays: 7 });
      expect(Date.parse(expiresAt!)).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
      expect(await authenticateToken(db.prisma, token)).not.toBeNull();
      await db.prisma.accessToken.update({ where: { id }, data: { expiresAt: new Date() } });
      expect(await authenticateToken(db.prisma, token)).toBeNull();
      expect((await listTokens(db.prisma, user)).find((t) => t.id === id)?.state).toBe("expired");
    });

    it("lists a revoked token as revoked even once it is also past its expiry", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const { id } = await createToken(db.prisma, OPERATOR, { email: user.email, expiresInDays: 1 });
      await revokeToken(db.prisma, user, id);
      await db.prisma.accessToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect((await listTokens(db.prisma, user)).find((t) => t.id === id)?.state).toBe("revoked");
    });

    it("writes the revocation and its audit event together: a failed audit leaves the token usable", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const { token, id } = await createToken(db.prisma, OPERATOR, { email: user.email });
      // An actor whose id is no user breaks the audit event's foreign key inside the transaction.
      const ghost = { ...user, id: crypto.randomUUID(), role: "admin" as const };
      await expect(revokeToken(db.prisma, ghost, id)).rejects.toThrow();
      expect((await db.prisma.accessToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
      expect(await authenticateToken(db.prisma, token)).not.toBeNull();
    });
  });

  describe("set-up links", () => {
    it("lets only one of two simultaneous uses of a link set the password", async () => {
      const admin = await createTestUser(db.prisma, { role: "admin" });
      const created = await createUser(db.prisma, admin, { email: uniqueEmail("race"), name: "Race", setupLink: true });
      const token = created.setup!.path.split("/").pop()!;
      const outcomes = await Promise.allSettled([
        redeemPasswordSetup(db.prisma, { token, password: "first password here" }),
        redeemPasswordSetup(db.prisma, { token, password: "second password here" }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
      expect((refused.reason as AppError).code).toBe("conflict");
      expect(await db.prisma.auditEvent.count({ where: { action: "user.password_setup_use", entityId: created.id } })).toBe(1);
    });

    it("keeps only the newest link of a user usable", async () => {
      const admin = await createTestUser(db.prisma, { role: "admin" });
      const created = await createUser(db.prisma, admin, { email: uniqueEmail("twice"), name: "Twice", setupLink: true });
      const first = created.setup!.path.split("/").pop()!;
      const second = (await db.prisma.$transaction((tx) => issuePasswordSetup(tx, admin, created.id))).path.split("/").pop()!;
      await expect(redeemPasswordSetup(db.prisma, { token: first, password: "first password here" })).rejects.toMatchObject({ code: "conflict" });
      await redeemPasswordSetup(db.prisma, { token: second, password: "second password here" });
    });
  });
});
