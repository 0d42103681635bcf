import { expect, it } from "vitest";
import { admitSsoUser } from "@/lib/server/auth/admit-sso-user";
import { createTestUser, uniqueEmail } from "../../helpers/factories";
import { describeEachDatabase } from "../../helpers/test-database";

describeEachDatabase("admitSsoUser", (db) => {
  const roleAudits = (userId: string) => db.prisma.auditEvent.findMany({ where: { entityId: userId, action: "user.role_from_sso" } });

  it("admits an existing user by email, whatever its case, with the stored role", async () => {
    const user = await createTestUser(db.prisma, { role: "reviewer" });
    const result = await admitSsoUser(db.prisma, { email: user.email.toUpperCase(), role: null });
    expect(result).toEqual({ actor: { id: user.id, email: user.email, name: user.name, role: "reviewer" } });
  });

  it("refuses an unknown email and creates no account", async () => {
    const email = uniqueEmail("stranger");
    const before = await db.prisma.user.count();
    expect(await admitSsoUser(db.prisma, { email, role: "admin" })).toEqual({ refused: "NoAccount" });
    expect(await db.prisma.user.count()).toBe(before);
  });

  it("refuses a disabled user and leaves its role alone", async () => {
    const user = await createTestUser(db.prisma, { role: "editor", disabled: true });
    expect(await admitSsoUser(db.prisma, { email: user.email, role: "admin" })).toEqual({ refused: "AccountDisabled" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("editor");
    expect(await roleAudits(user.id)).toHaveLength(0);
  });

  it("sets the role the provider names and records the change once, with the user as actor", async () => {
    const user = await createTestUser(db.prisma, { role: "editor" });
    const result = await admitSsoUser(db.prisma, { email: user.email, role: "reviewer" });
    expect(result).toEqual({ actor: expect.objectContaining({ id: user.id, role: "reviewer" }) });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("reviewer");
    // The same role again is no change, and no audit event.
    await admitSsoUser(db.prisma, { email: user.email, role: "reviewer" });
    const audits = await roleAudits(user.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: user.id, entityType: "user", before: { role: "editor" }, after: { role: "reviewer" } });
  });

  it("lowers a role as readily as it raises one", async () => {
    const user = await createTestUser(db.prisma, { role: "admin" });
    expect(await admitSsoUser(db.prisma, { email: user.email, role: "editor" })).toEqual({ actor: expect.objectContaining({ role: "editor" }) });
    expect(await roleAudits(user.id)).toHaveLength(1);
  });
});
