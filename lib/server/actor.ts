import "server-only";
import { ROLES, type Role } from "../contracts/vocabulary";
import { forbidden } from "./errors";

export type { Role };

/** The signed-in user on whose behalf a data-layer function runs. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Throws 403 unless the actor has one of the roles. */
export function requireRole(actor: Actor, roles: readonly Role[], action: string): void {
  if (!roles.includes(actor.role)) {
    throw forbidden(`Your role (${actor.role}) cannot ${action}; it needs ${roles.join(" or ")}.`);
  }
}

/** Every role may read and annotate articles. */
export const ANY_ROLE: readonly Role[] = ROLES;
