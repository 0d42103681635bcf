/**
 * Prepares the database of the single sign-on tests before their server starts (the embedded
 * database admits one process at a time): migrated, with the users the tests sign in as, printed
 * as one JSON line.
 *   tsx tests/sso/prepare-sso-users.ts (--data-dir DIR | --database-url URL)
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabaseToPrepare } from "../resilience/open-database-to-prepare";
import type { Role } from "@/lib/server/actor";
import { OPERATOR } from "@/lib/server/operator";
import { createToken } from "@/lib/server/tokens/create-token";
import { createUser } from "@/lib/server/users/create-user";
import { updateUser } from "@/lib/server/users/update-user";
import { ssoUsersSchema, type SsoUsers } from "./sso-users";

const args = z
  .object({ "data-dir": z.string().min(1).optional(), "database-url": z.string().regex(/^postgres(ql)?:\/\//).optional() })
  .refine((a) => Boolean(a["data-dir"]) !== Boolean(a["database-url"]), "Give --data-dir or --database-url")
  .parse(parseArgs({ options: { "data-dir": { type: "string" }, "database-url": { type: "string" } } }).values);

const { prisma } = await openDatabaseToPrepare({ dataDir: args["data-dir"], databaseUrl: args["database-url"] });
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
