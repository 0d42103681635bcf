import { z } from "zod";
import { isoDateTimeSchema } from "./common";
import { emailSchema } from "./users";

/** The longest a token may live when it expires at all: a year, so forgotten tokens die eventually. */
export const MAX_TOKEN_DAYS = 365;

/** The expiry choices the settings page offers (days; omitted means the token never expires). */
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365] as const;

const tokenName = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");
const expiresInDays = z
  .number({ message: "must be a whole number of days" })
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days`);

/** `POST /api/tokens`: a token for the caller. Omit `expiresInDays` for a token that does not expire. */
export const createTokenRequest = z.object({ name: tokenName, expiresInDays: expiresInDays.optional() }).strict();
export type CreateTokenRequest = z.input<typeof createTokenRequest>;

/** What the data layer needs to issue a token: whose, called what, and for how long. */
export const createTokenInput = z.object({
  email: emailSchema,
  name: tokenName.default("API token"),
  expiresInDays: expiresInDays.optional(),
});

/** `GET /api/tokens?all=true`: admins may list everyone's tokens. */
export const listTokensQuery = z
  .object({ all: z.enum(["true", "false"], { message: 'must be "true" or "false"' }).optional() })
  .strict();

/** Where a token stands: usable, past its expiry, or revoked. */
export const tokenStateSchema = z.enum(["active", "expired", "revoked"]);
export type TokenState = z.infer<typeof tokenStateSchema>;

/** One personal access token as its list shows it (never the secret). */
export const tokenListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
  expiresAt: isoDateTimeSchema.nullable(),
  revokedAt: isoDateTimeSchema.nullable(),
  state: tokenStateSchema,
  /** Whose token it is; only in an admin's list of everyone's tokens. */
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }).optional(),
});
export type TokenListItem = z.infer<typeof tokenListItemSchema>;

/** `GET /api/tokens`. */
export const tokenListResponse = z.object({ items: z.array(tokenListItemSchema) });

/** `POST /api/tokens`: the token in clear, the only time it is ever shown. */
export const createdTokenSchema = z.object({ id: z.string(), name: z.string(), token: z.string(), expiresAt: isoDateTimeSchema.nullable() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;
