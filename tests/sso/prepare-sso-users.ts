/**
 * Prepares the database of the single sign-on tests before their server starts (the embedded
 * database admits one process at a time): migrated, with the users the tests sign in as, printed
 * as one JSON line.
 *   tsx tests/sso/prepare-sso-users.ts (--data-dir DIR | --database-url URL)
 */
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { z } from "zod";
import { openEmbeddedDatabase, openServerDatabase, type Database } from "@/lib/db/database";
import { applyMigrations } from "@/lib/db/migrate";
import type { Role } from "@/lib/server/actor";
import { OPERATOR } from "@/lib/server/operator";
import { seedIfEmpty } from "@/lib/server/seed/seed-if-empty";
import { createToken } from "@/lib/server/tokens/create-token";
import { createUser } from "@/lib/server/users/create-user";
import { updateUser } from "@/lib/server/users/update-user";
import { ssoUsersSchema, type SsoUsers } from "./sso-users";

const args = z
  .object({ "data-dir": z.string().min(1).optional(), "database-url": z.string().regex(/^postgres(ql)?:\/\//).optional() })
  .refine((a) => Boolean(a["data-dir"]) !== Boolean(a["database-url"]), "Give --data-dir or --database-url")
  .parse(parseArgs({ options: { "data-dir": { type: "string" }, "database-url": { type: "string" } } }).values);

async function open(): Promise<Database> {
  if (args["data-dir"]) return openEmbeddedDatabase(args["data-dir"], seedIfEmpty);
  const pool = new pg.Pool({ connectionString: args["database-url"], maxUses: 1 });
  try {
    await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
  return openServerDatabase(args["database-url"]!);
}

const { prisma } = await open();
const run = Date.now().toString(36);
// No passwords: these people sign in through the provider only.
const create = async (label: string, role: Role) => {
  const user = await createUser(prisma, OPERATOR, { email: `sso-${label}-${run}@newsmark.test`, name: `SSO ${label}`, role });
  return { id: user.id, email: user.email };
};
const admin = await createUser(prisma, OPERATOR, { email: `sso-admin-${run}@newsmark.test`, name: "SSO admin", role: "admin" });
const users: SsoUsers = {
  adminToken: (await createToken(prisma, OPERATOR, { email: admin.email })).token,
  editor: await create("editor", "editor"),
  disabled: await create("disabled", "editor"),
  promoted: await create("promoted", "editor"),
  reviewer: await create("reviewer", "reviewer"),
  unverified: await create("unverified", "editor"),
};
await updateUser(prisma, admin, users.disabled.id, { disabled: true });
await prisma.$disconnect();
process.stdout.write(`${JSON.stringify(ssoUsersSchema.parse(users))}\n`);
process.exit(0);
