import { emailSchema } from "../contracts/users";
import type { SsoIdentity } from "../server/auth/sso-identity";
import { readRoleClaim } from "./role-claim";

export type { SsoIdentity };

/** Why a provider's answer cannot sign anyone in; each is a sign-in error code with its own message. */
export type SsoIdentityRefusal = "NoEmail" | "EmailNotVerified" | "InvalidRoleClaim";

/**
 * Reads the claims of a single sign-on (ID token merged with userinfo). Accounts are matched by
 * email, so only an email the provider says it verified is accepted: an unverified one could be
 * anybody's. Some providers send `email_verified` as the string "true".
 */
export function readSsoIdentity(
  claims: Record<string, unknown>,
  roleClaim: string | undefined,
): { identity: SsoIdentity } | { refused: SsoIdentityRefusal; detail?: string } {
  const email = emailSchema.safeParse(claims.email);
  if (!email.success) return { refused: "NoEmail" };
  if (claims.email_verified !== true && claims.email_verified !== "true") return { refused: "EmailNotVerified" };
  if (!roleClaim) return { identity: { email: email.data, role: null } };
  const reading = readRoleClaim(claims[roleClaim]);
  if ("invalid" in reading) return { refused: "InvalidRoleClaim", detail: `${roleClaim}: ${reading.invalid}` };
  return { identity: { email: email.data, role: reading.role } };
}
