import { emailSchema } from "../contracts/users";
import type { Role } from "../server/actor";
import { readRoleClaim } from "./role-claim";

/** Who the provider says signed in, as far as Newsmark trusts it. */
export interface SsoIdentity {
  email: string;
  /** The role the provider's role claim asks for; null when it has no say. */
  role: Role | null;
}

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
