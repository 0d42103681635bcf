import type { Role } from "../server/actor";

/** What a role claim asks for: no say (claim absent), one role, or a value Newsmark does not understand. */
export type RoleClaimReading = { role: Role | null } | { invalid: string };

// Strongest first: when a provider sends a list (groups, app roles), the strongest role it names wins.
const ROLES_BY_STRENGTH: readonly Role[] = ["admin", "reviewer", "editor"];

function asRole(value: string): Role | undefined {
  const name = value.trim().toLowerCase();
  return ROLES_BY_STRENGTH.find((role) => role === name);
}

/**
 * Reads the role claim's value. Absent (undefined or null) leaves the role as it is. A string must
 * name a role (case and surrounding spaces ignored). A list of strings may hold other values too
 * (providers often mix groups or scopes in), and must name at least one role. Anything else is
 * invalid: sign-in is refused rather than guessing, so a provider cannot lower or raise a role by
 * mistake without anyone noticing.
 */
export function readRoleClaim(value: unknown): RoleClaimReading {
  if (value === undefined || value === null) return { role: null };
  if (typeof value === "string") {
    const role = asRole(value);
    return role ? { role } : { invalid: value.slice(0, 80) };
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    const named = new Set(value.map(asRole));
    const role = ROLES_BY_STRENGTH.find((r) => named.has(r));
    return role ? { role } : { invalid: value.join(", ").slice(0, 80) };
  }
  return { invalid: typeof value };
}
