import "server-only";
import type { SsoIdentity } from "./sso-identity";
import type { Actor } from "../actor";
import { recordAudit } from "../audit";
import type { Db } from "../db";
import { findUserByEmail } from "../users/find-user-by-email";
import { toActor } from "../users/to-actor";

/** Why single sign-on refused someone the provider vouched for; each is a sign-in error code. */
export type SsoRefusal = "NoAccount" | "AccountDisabled";

/**
 * Admits a single sign-on identity: only an existing, enabled user with that email gets in (single
 * sign-on never creates accounts). When the provider's role claim names a role other than the
 * user's, the user's role changes to it, recorded as `user.role_from_sso` with the user as actor.
 */
export async function admitSsoUser(db: Db, identity: SsoIdentity): Promise<{ actor: Actor } | { refused: SsoRefusal }> {
  const user = await findUserByEmail(db, identity.email);
  if (!user) return { refused: "NoAccount" };
  if (user.disabled) return { refused: "AccountDisabled" };
  const role = identity.role;
  if (!role || role === user.role) return { actor: toActor(user) };
  return db.$transaction(async (tx) => {
    // Conditional on the role read above, so two sign-ons at once record one change, not two.
    const { count } = await tx.user.updateMany({ where: { id: user.id, role: user.role, disabled: false }, data: { role } });
    const after = await tx.user.findUniqueOrThrow({ where: { id: user.id } });
    if (after.disabled) return { refused: "AccountDisabled" as const };
    if (count === 1) {
      await recordAudit(tx, toActor(after), {
        action: "user.role_from_sso",
        entityType: "user",
        entityId: user.id,
        before: { role: user.role },
        after: { role },
      });
    }
    return { actor: toActor(after) };
  });
}
