import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/db/prisma";
import type { Actor, Role } from "@/lib/server/actor";
import { OPERATOR } from "@/lib/server/operator";
import { createToken } from "@/lib/server/tokens/create-token";
import { createUser } from "@/lib/server/users/create-user";

/** The password test users get unless a test chooses one. */
export const TEST_PASSWORD = "correct horse battery staple";

export interface TestUser extends Actor {
  password: string;
}

let sequence = 0;

/** A unique email, so tests in one database never collide. */
export function uniqueEmail(label = "user"): string {
  sequence += 1;
  return `${label}-${sequence}-${randomBytes(4).toString("hex")}@newsmark.test`;
}

/** Creates a user through the data layer (as the operator), optionally disabled afterwards. */
export async function createTestUser(
  prisma: PrismaClient,
  { role, disabled = false, password = TEST_PASSWORD }: { role: Role; disabled?: boolean; password?: string },
): Promise<TestUser> {
  const email = uniqueEmail(role);
  const actor = await createUser(prisma, OPERATOR, { email, name: `Test ${role} ${sequence}`, role, password });
  if (disabled) await prisma.user.update({ where: { id: actor.id }, data: { disabled: true } });
  return { ...actor, password };
}

/** Issues a personal access token for an enabled user and returns it in clear. */
export async function createTestToken(prisma: PrismaClient, email: string): Promise<string> {
  const { token } = await createToken(prisma, OPERATOR, { email });
  return token;
}

/** An editor and a reviewer with a token each: the two people most API tests need. */
export async function createEditorAndReviewer(
  prisma: PrismaClient,
): Promise<{ editor: TestUser; reviewer: TestUser; token: string; reviewerToken: string }> {
  const editor = await createTestUser(prisma, { role: "editor" });
  const reviewer = await createTestUser(prisma, { role: "reviewer" });
  return { editor, reviewer, token: await createTestToken(prisma, editor.email), reviewerToken: await createTestToken(prisma, reviewer.email) };
}
