import "server-only";
import type { Role } from "../actor";

/** Who the provider says signed in, as far as Newsmark trusts it. */
export interface SsoIdentity {
  email: string;
  /** The role the provider's role claim asks for; null when it has no say. */
  role: Role | null;
}
