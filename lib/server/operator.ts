import "server-only";
/**
 * The operator at the command line (user:create, token:create, imports). They already hold the
 * database credentials, so the data layer lets them act without a signed-in user; audit events
 * record them with no actor.
 */
export const OPERATOR = { operator: true } as const;
export type Operator = typeof OPERATOR;
