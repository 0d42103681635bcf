import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as changePasswordRouteHandler } from "@/app/api/me/password/route";
import { GET as meRouteHandler } from "@/app/api/me/route";
import { POST as redeemRouteHandler } from "@/app/api/password-setup/route";
import { DELETE as revokeRouteHandler } from "@/app/api/tokens/[id]/route";
import { GET as listTokensRouteHandler, POST as createTokenRouteHandler } from "@/app/api/tokens/route";
import { POST as newSetupLinkRouteHandler } from "@/app/api/users/[id]/password-setup/route";
import { POST as createUserRouteHandler } from "@/app/api/users/route";
import { hashSetupSecret } from "@/lib/server/users/password-setup-secret";
import { hashToken } from "@/lib/server/tokens/token-secret";
import { useDatabase } from "@/lib/server/database/app-database";
import { MAX_FAILED_LOGINS } from "@/lib/server/auth/login-throttle";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { findPasswordSetup } from "@/lib/server/users/find-password-setup";
import { createTestToken, createTestUser, TEST_PASSWORD, uniqueEmail, type TestUser } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";
import { documented } from "../../helpers/contract-response";

// Each answer is checked against the OpenAPI document before the test reads it.
const changePasswordRoute = documented("POST", "/api/me/password", changePasswordRouteHandler);
const meRoute = documented("GET", "/api/me", meRouteHandler);
const redeemRoute = documented("POST", "/api/password-setup", redeemRouteHandler);
const revokeRoute = documented("DELETE", "/api/tokens/[id]", revokeRouteHandler);
const listTokensRoute = documented("GET", "/api/tokens", listTokensRouteHandler);
const createTokenRoute = documented("POST", "/api/tokens", createTokenRouteHandler);
const newSetupLinkRoute = documented("POST", "/api/users/[id]/password-setup", newSetupLinkRouteHandler);
const createUserRoute = documented("POST", "/api/users", createUserRouteHandler);

const BASE = "http://localhost";
const noParams = { params: Promise.resolve({}) };
const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_PASSWORD = "a brand new passphrase";

function request(path: string, { method = "GET", token, body, headers = {} }: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const all = new Headers(headers);
  if (token) all.set("authorization", `Bearer ${token}`);
  if (body !== undefined && !all.has("content-type")) all.set("content-type", "application/json");
  return new NextRequest(`${BASE}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
}

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const body = (await res.json()) as ErrorBody;
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

const me = (token: string) => meRoute(request("/api/me", { token }), noParams);
const createToken = (token: string, body: unknown) => createTokenRoute(request("/api/tokens", { method: "POST", token, body }), noParams);
const listTokens = (token: string, query = "") => listTokensRoute(request(`/api/tokens${query}`, { token }), noParams);
const revoke = (token: string, id: string) =>
  revokeRoute(request(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE", token }), { params: Promise.resolve({ id }) });
const createUser = (token: string, body: unknown) => createUserRoute(request("/api/users", { method: "POST", token, body }), noParams);
const redeem = (body: unknown, headers: Record<string, string> = {}) =>
  redeemRoute(request("/api/password-setup", { method: "POST", body, headers }));
const newSetupLink = (token: string, id: string) =>
  newSetupLinkRoute(request(`/api/users/${encodeURIComponent(id)}/password-setup`, { method: "POST", token }), { params: Promise.resolve({ id }) });
const changePassword = (token: string, body: unknown) =>
  changePasswordRoute(request("/api/me/password", { method: "POST", token, body }), noParams);

/** Rows as text, to show a secret is nowhere in them (audit events carry a BigInt sequence). */
const dumpOf = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));

interface CreatedToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string | null;
}

describeEachDatabase("tokens and users through the API", (db) => {
  let editor: TestUser;
  let editorToken: string;
  let other: TestUser;
  let otherToken: string;
  let admin: TestUser;
  let adminToken: string;

  beforeAll(async () => {
    useDatabase({ prisma: db.prisma, kind: db.kind });
    editor = await createTestUser(db.prisma, { role: "editor" });
    editorToken = await createTestToken(db.prisma, editor.email);
    other = await createTestUser(db.prisma, { role: "editor" });
    otherToken = await createTestToken(db.prisma, other.email);
    admin = await createTestUser(db.prisma, { role: "admin" });
    adminToken = await createTestToken(db.prisma, admin.email);
  });

  /** Creates a token for the caller through the API and checks the answer's shape. */
  async function newToken(callerToken: string, body: Record<string, unknown> = { name: "Script" }): Promise<CreatedToken> {
    const res = await createToken(callerToken, body);
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedToken;
    expect(Object.keys(created).sort()).toEqual(["expiresAt", "id", "name", "token"]);
    return created;
  }

  describe("POST /api/tokens", () => {
    it("issues a token for the caller, shown once, stored hashed, audited, and usable at once", async () => {
      const before = Date.now();
      const created = await newToken(editorToken, { name: "  CMS import  ", expiresInDays: 30 });
      expect(created.name).toBe("CMS import");
      expect(created.token).toMatch(/^nmk_[A-Za-z0-9_-]{43}$/);
      const expires = Date.parse(created.expiresAt!);
      expect(expires).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
      expect(expires).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);

      const row = await db.prisma.accessToken.findUniqueOrThrow({ where: { id: created.id } });
      expect(row).toMatchObject({ userId: editor.id, tokenHash: hashToken(created.token), revokedAt: null });
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "token.create", entityId: created.id } });
      expect(audit.actorId).toBe(editor.id);
      expect(dumpOf(audit)).not.toContain(created.token);

      const res = await me(created.token);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(editor.id);
    });

    it("issues a token that never expires when no expiry is asked for", async () => {
      const created = await newToken(editorToken, { name: "Forever" });
      expect(created.expiresAt).toBeNull();
      expect((await db.prisma.accessToken.findUniqueOrThrow({ where: { id: created.id } })).expiresAt).toBeNull();
    });

    it("refuses bad names and expiries with 400 and a message, issuing nothing", async () => {
      const before = await db.prisma.accessToken.count();
      const bad: [unknown, string][] = [
        [{ name: "" }, "name"],
        [{ name: "   " }, "name"],
        [{}, "name"],
        [{ name: "x".repeat(201) }, "name"],
        [{ name: "A", expiresInDays: 0 }, "expiresInDays"],
        [{ name: "A", expiresInDays: -3 }, "expiresInDays"],
        [{ name: "A", expiresInDays: 1.5 }, "expiresInDays"],
        [{ name: "A", expiresInDays: 366 }, "expiresInDays"],
        [{ name: "A", expiresInDays: "30" }, "expiresInDays"],
        [{ name: "A", expiresInDays: null }, "expiresInDays"],
        // A token is always the caller's own: the API takes no email.
        [{ name: "A", email: other.email }, "(body)"],
      ];
      for (const [body, path] of bad) {
        const error = await expectError(await createToken(editorToken, body), 400, "validation_failed");
        expect(error.error.message, JSON.stringify(body)).toMatch(new RegExp(`^${path.replace(/[()]/g, "\\$&")}`));
      }
      expect(await db.prisma.accessToken.count()).toBe(before);
    });
  });

  describe("GET /api/tokens", () => {
    it("lists the caller's own tokens with their state, never a secret or hash", async () => {
      const created = await newToken(otherToken, { name: "Listed" });
      const res = await listTokens(otherToken);
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: Record<string, unknown>[] };
      expect(items.every((t) => !("user" in t))).toBe(true);
      const ids = items.map((t) => t.id);
      expect(ids).toContain(created.id);
      const mine = await db.prisma.accessToken.findMany({ where: { userId: other.id } });
      expect(ids.sort()).toEqual(mine.map((t) => t.id).sort());
      expect(items.find((t) => t.id === created.id)).toEqual({
        id: created.id,
        name: "Listed",
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
        state: "active",
      });
      const text = JSON.stringify(items);
      expect(text).not.toContain(created.token);
      expect(text).not.toContain(hashToken(created.token));
    });

    it("lets admins list everyone's tokens with their users, and refuses that to others (403)", async () => {
      const created = await newToken(editorToken, { name: "Seen by admins" });
      const res = await listTokens(adminToken, "?all=true");
      expect(res.status).toBe(200);
      const { items } = (await res.json()) as { items: { id: string; user?: { id: string; email: string; name: string } }[] };
      expect(items.find((t) => t.id === created.id)?.user).toEqual({ id: editor.id, email: editor.email, name: editor.name });
      expect(items.length).toBe(await db.prisma.accessToken.count());

      const own = (await (await listTokens(adminToken)).json()) as { items: { id: string }[] };
      expect(own.items.map((t) => t.id)).not.toContain(created.id);

      const refused = await expectError(await listTokens(editorToken, "?all=true"), 403, "forbidden");
      expect(refused.error.message).toBe("Your role (editor) cannot list everyone's tokens; it needs admin.");
      await expectError(await listTokens(editorToken, "?all=yes"), 400, "validation_failed");
    });
  });

  describe("expiry and revocation", () => {
    it("answers 401 to a token past its expiry, and lists it as expired", async () => {
      const created = await newToken(editorToken, { name: "Short-lived", expiresInDays: 1 });
      expect((await me(created.token)).status).toBe(200);
      await db.prisma.accessToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const refused = await expectError(await me(created.token), 401, "unauthorized");
      expect(refused.error.message).toBe("The access token is invalid, revoked or expired, or its user is disabled");
      const { items } = (await (await listTokens(editorToken)).json()) as { items: { id: string; state: string }[] };
      expect(items.find((t) => t.id === created.id)?.state).toBe("expired");
    });

    it("revokes the caller's own token (204, audited once): its next request gets 401", async () => {
      const created = await newToken(editorToken, { name: "To revoke" });
      expect((await me(created.token)).status).toBe(200);
      const res = await revoke(editorToken, created.id);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe("");
      await expectError(await me(created.token), 401, "unauthorized");
      const row = await db.prisma.accessToken.findUniqueOrThrow({ where: { id: created.id } });
      expect(row.revokedAt).toBeInstanceOf(Date);

      // Again: still 204, and no second event.
      expect((await revoke(editorToken, created.id)).status).toBe(204);
      const events = await db.prisma.auditEvent.findMany({ where: { action: "token.revoke", entityId: created.id } });
      expect(events).toHaveLength(1);
      expect(events[0]!.actorId).toBe(editor.id);
      const { items } = (await (await listTokens(editorToken)).json()) as { items: { id: string; state: string }[] };
      expect(items.find((t) => t.id === created.id)?.state).toBe("revoked");
    });

    it("answers 404 to a non-admin revoking someone else's token, which keeps working", async () => {
      const created = await newToken(otherToken, { name: "Not yours" });
      const refused = await expectError(await revoke(editorToken, created.id), 404, "not_found");
      expect(refused.error.message).toBe("Token not found");
      expect((await db.prisma.accessToken.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeNull();
      expect((await me(created.token)).status).toBe(200);
      expect(await db.prisma.auditEvent.count({ where: { action: "token.revoke", entityId: created.id } })).toBe(0);
    });

    it("lets an admin revoke anyone's token", async () => {
      const created = await newToken(otherToken, { name: "Leaked" });
      expect((await revoke(adminToken, created.id)).status).toBe(204);
      await expectError(await me(created.token), 401, "unauthorized");
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "token.revoke", entityId: created.id } });
      expect(audit.actorId).toBe(admin.id);
      expect(audit.before).toEqual({ userId: other.id, name: "Leaked" });
    });

    it("answers 404 for unknown or malformed token ids", async () => {
      await expectError(await revoke(adminToken, crypto.randomUUID()), 404, "not_found");
      await expectError(await revoke(adminToken, "not-a-uuid"), 404, "not_found");
    });
  });

  describe("POST /api/users", () => {
    it("creates a user with a one-time set-up link, shown once and stored hashed", async () => {
      const email = uniqueEmail("invited");
      const res = await createUser(adminToken, { email, name: "Invited Reporter", role: "reviewer", setupLink: true });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string; email: string; role: string; setup: { path: string; url: string; expiresAt: string } };
      expect(body).toMatchObject({ email, name: "Invited Reporter", role: "reviewer" });
      expect(body.setup.path).toMatch(/^\/set-password\/nms_[A-Za-z0-9_-]{43}$/);
      expect(new URL(body.setup.url).pathname).toBe(body.setup.path);
      const days = (Date.parse(body.setup.expiresAt) - Date.now()) / DAY_MS;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);

      const secret = body.setup.path.split("/").pop()!;
      const user = await db.prisma.user.findUniqueOrThrow({ where: { id: body.id } });
      expect(user.passwordHash).toBeNull();
      const setup = await db.prisma.passwordSetup.findFirstOrThrow({ where: { userId: body.id } });
      expect(setup).toMatchObject({ tokenHash: hashSetupSecret(secret), usedAt: null, createdById: admin.id });
      const dump = dumpOf([await db.prisma.$queryRawUnsafe(`SELECT * FROM password_setups`), await db.prisma.auditEvent.findMany()]);
      expect(dump).not.toContain(secret);
      const actions = (await db.prisma.auditEvent.findMany({ where: { entityId: body.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
      expect(actions).toEqual(["user.create", "user.password_setup_issue"]);
    });

    it("answers 409 with a clear message for an email that exists, in any case, creating nothing", async () => {
      const before = await db.prisma.user.count();
      const setups = await db.prisma.passwordSetup.count();
      const res = await createUser(adminToken, { email: editor.email.toUpperCase(), name: "Twin", role: "editor", setupLink: true });
      const error = await expectError(res, 409, "conflict");
      expect(error.error.message).toBe(`A user with the email ${editor.email} already exists`);
      expect(await db.prisma.user.count()).toBe(before);
      expect(await db.prisma.passwordSetup.count()).toBe(setups);
    });

    it("refuses a password and a set-up link together, or a short password (400)", async () => {
      const before = await db.prisma.user.count();
      const both = await createUser(adminToken, { email: uniqueEmail(), name: "Both", password: "long enough password", setupLink: true });
      expect((await expectError(both, 400, "validation_failed")).error.message).toBe("setupLink: Choose either a password or a set-up link, not both");
      const short = await createUser(adminToken, { email: uniqueEmail(), name: "Short", password: "short" });
      expect((await expectError(short, 400, "validation_failed")).error.message).toBe("password: must be at least 10 characters");
      expect(await db.prisma.user.count()).toBe(before);
    });

    it("refuses non-admins (403)", async () => {
      const res = await createUser(editorToken, { email: uniqueEmail(), name: "Nope", setupLink: true });
      await expectError(res, 403, "forbidden");
    });
  });

  describe("one-time set-up links", () => {
    /** A new user with a set-up link, made by the admin through the API; returns the link's secret. */
    async function invited(): Promise<{ id: string; email: string; secret: string }> {
      const email = uniqueEmail("invited");
      const res = await createUser(adminToken, { email, name: "Invited", role: "editor", setupLink: true });
      const body = (await res.json()) as { id: string; setup: { path: string } };
      return { id: body.id, email, secret: body.setup.path.split("/").pop()! };
    }

    it("sets the password once (204, audited as the user); the link then says it was used", async () => {
      const user = await invited();
      expect(await findPasswordSetup(db.prisma, user.secret)).toMatchObject({ state: "valid", email: user.email });
      expect(await verifyCredentials(db.prisma, { email: user.email, password: NEW_PASSWORD })).toEqual({ refused: "invalid" });

      const res = await redeem({ token: user.secret, password: NEW_PASSWORD });
      expect(res.status).toBe(204);
      expect(await verifyCredentials(db.prisma, { email: user.email, password: NEW_PASSWORD })).toMatchObject({ actor: { id: user.id } });
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_setup_use", entityId: user.id } });
      expect(audit.actorId).toBe(user.id);
      expect(await findPasswordSetup(db.prisma, user.secret)).toEqual({ state: "used" });

      const again = await expectError(await redeem({ token: user.secret, password: "someone else's password" }), 409, "conflict");
      expect(again.error.message).toBe("This set-up link has already been used. Sign in with your password, or ask an admin for a new link.");
      expect(await verifyCredentials(db.prisma, { email: user.email, password: NEW_PASSWORD })).toMatchObject({ actor: { id: user.id } });
    });

    it("refuses an expired link (409) and sets nothing", async () => {
      const user = await invited();
      await db.prisma.passwordSetup.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await findPasswordSetup(db.prisma, user.secret)).toEqual({ state: "expired" });
      const error = await expectError(await redeem({ token: user.secret, password: NEW_PASSWORD }), 409, "conflict");
      expect(error.error.message).toBe("This set-up link has expired. Ask an admin for a new one.");
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
      expect((await db.prisma.passwordSetup.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();
    });

    it("refuses an unknown link (404) and a disabled user's link (403)", async () => {
      const unknown = await expectError(await redeem({ token: `nms_${"A".repeat(43)}`, password: NEW_PASSWORD }), 404, "not_found");
      expect(unknown.error.message).toBe("This set-up link is not valid. Check that you copied all of it, or ask an admin for a new one.");
      await expectError(await redeem({ token: "whatever", password: NEW_PASSWORD }), 404, "not_found");

      const user = await invited();
      await db.prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
      const disabled = await expectError(await redeem({ token: user.secret, password: NEW_PASSWORD }), 403, "forbidden");
      expect(disabled.error.message).toBe("This account is disabled. Ask an admin to enable it.");
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
    });

    it("refuses a short password (400) and a request from another site (403), leaving the link usable", async () => {
      const user = await invited();
      const short = await expectError(await redeem({ token: user.secret, password: "short" }), 400, "validation_failed");
      expect(short.error.message).toBe("password: must be at least 10 characters");
      await expectError(await redeem({ token: user.secret, password: NEW_PASSWORD }, { origin: "https://evil.example" }), 403, "forbidden");
      expect(await findPasswordSetup(db.prisma, user.secret)).toMatchObject({ state: "valid" });
      expect((await redeem({ token: user.secret, password: NEW_PASSWORD })).status).toBe(204);
    });
  });

  describe("POST /api/users/:id/password-setup", () => {
    it("gives an admin a new link for an existing user; the earlier link stops working, the password keeps working until it is used", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const first = await newSetupLink(adminToken, user.id);
      expect(first.status).toBe(201);
      const firstSecret = ((await first.json()) as { path: string }).path.split("/").pop()!;
      const second = await newSetupLink(adminToken, user.id);
      const body = (await second.json()) as { path: string; url: string; expiresAt: string };
      expect(new URL(body.url).pathname).toBe(body.path);
      const secret = body.path.split("/").pop()!;
      expect(secret).not.toBe(firstSecret);

      expect(await findPasswordSetup(db.prisma, firstSecret)).toEqual({ state: "used" });
      expect(await verifyCredentials(db.prisma, { email: user.email, password: TEST_PASSWORD })).toMatchObject({ actor: { id: user.id } });
      expect((await redeem({ token: secret, password: NEW_PASSWORD })).status).toBe(204);
      expect(await verifyCredentials(db.prisma, { email: user.email, password: NEW_PASSWORD })).toMatchObject({ actor: { id: user.id } });
      const issued = await db.prisma.auditEvent.findMany({ where: { action: "user.password_setup_issue", entityId: user.id } });
      expect(issued.map((e) => e.actorId)).toEqual([admin.id, admin.id]);
    });

    it("refuses non-admins (403), unknown users (404) and disabled users (409), issuing nothing", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const disabled = await createTestUser(db.prisma, { role: "editor", disabled: true });
      const before = await db.prisma.passwordSetup.count();
      await expectError(await newSetupLink(editorToken, user.id), 403, "forbidden");
      await expectError(await newSetupLink(adminToken, crypto.randomUUID()), 404, "not_found");
      await expectError(await newSetupLink(adminToken, "not-a-uuid"), 404, "not_found");
      const error = await expectError(await newSetupLink(adminToken, disabled.id), 409, "conflict");
      expect(error.error.message).toBe(`${disabled.email} is disabled; enable the account before sending a set-up link`);
      expect(await db.prisma.passwordSetup.count()).toBe(before);
    });
  });

  describe("POST /api/me/password", () => {
    it("changes the caller's own password (204, audited); the old one stops working", async () => {
      const user = await createTestUser(db.prisma, { role: "reviewer" });
      const token = await createTestToken(db.prisma, user.email);
      const res = await changePassword(token, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(204);
      expect(await verifyCredentials(db.prisma, { email: user.email, password: NEW_PASSWORD })).toMatchObject({ actor: { id: user.id } });
      expect(await verifyCredentials(db.prisma, { email: user.email, password: TEST_PASSWORD })).toEqual({ refused: "invalid" });
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_change", entityId: user.id } });
      expect(audit.actorId).toBe(user.id);
      expect(dumpOf(audit)).not.toContain(NEW_PASSWORD);
    });

    it("refuses a wrong current password with 400 and a clear message, changing nothing", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const token = await createTestToken(db.prisma, user.email);
      const before = (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
      const error = await expectError(await changePassword(token, { currentPassword: "not my password", newPassword: NEW_PASSWORD }), 400, "validation_failed");
      expect(error.error.message).toBe("Your current password is not correct; your password was not changed.");
      expect(error.error.details).toEqual([{ path: "currentPassword", message: "is not correct" }]);
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
      expect(await db.prisma.auditEvent.count({ where: { action: "user.password_change", entityId: user.id } })).toBe(0);
    });

    it("refuses a short new password, or one equal to the current password (400)", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const token = await createTestToken(db.prisma, user.email);
      const short = await expectError(await changePassword(token, { currentPassword: TEST_PASSWORD, newPassword: "short" }), 400, "validation_failed");
      expect(short.error.message).toBe("newPassword: must be at least 10 characters");
      const same = await expectError(await changePassword(token, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }), 400, "validation_failed");
      expect(same.error.message).toBe("newPassword: must differ from the current password");
      expect(await verifyCredentials(db.prisma, { email: user.email, password: TEST_PASSWORD })).toMatchObject({ actor: { id: user.id } });
    });

    it("counts wrong current passwords towards the sign-in throttle (429 once it is reached)", async () => {
      const user = await createTestUser(db.prisma, { role: "editor" });
      const token = await createTestToken(db.prisma, user.email);
      const before = (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
      await db.prisma.loginAttempt.createMany({
        data: Array.from({ length: MAX_FAILED_LOGINS - 1 }, () => ({ email: user.email, succeeded: false })),
      });
      await expectError(await changePassword(token, { currentPassword: "guess", newPassword: NEW_PASSWORD }), 400, "validation_failed");
      const throttled = await expectError(await changePassword(token, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }), 429, "rate_limited");
      expect(throttled.error.message).toMatch(/^Too many failed sign-ins for this email\. Try again in \d+ minutes?\.$/);
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
    });

    it("refuses a user who has no password yet (409)", async () => {
      const email = uniqueEmail("sso");
      await createUser(adminToken, { email, name: "SSO only", role: "editor" });
      const token = await createTestToken(db.prisma, email);
      const error = await expectError(await changePassword(token, { currentPassword: "anything at all", newPassword: NEW_PASSWORD }), 409, "conflict");
      expect(error.error.message).toMatch(/^Your account has no password yet/);
    });
  });
});
