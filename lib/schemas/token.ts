import { z } from "zod";
import { emailSchema } from "./user";

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
