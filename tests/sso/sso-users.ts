import { z } from "zod";

const user = z.object({ id: z.uuid(), email: z.string() });

/** What prepare-sso-users.ts prints: the people the single sign-on tests sign in as, and an admin's token. */
export const ssoUsersSchema = z.object({
  adminToken: z.string().startsWith("nmk_"),
  editor: user,
  disabled: user,
  promoted: user,
  reviewer: user,
  unverified: user,
});
export type SsoUsers = z.infer<typeof ssoUsersSchema>;
