import { publicUrl } from "@/lib/api/public-url";
import { withAuth } from "@/lib/api/with-auth";
import { createPasswordSetup } from "@/lib/server/users/create-password-setup";
import { contractJson } from "@/lib/api/contract-json";
import { passwordSetupLinkSchema } from "@/lib/contracts/users";

/** A new one-time set-up link for a user (admins) -> 201 `{path, url, expiresAt}`, shown this once only. */
export const POST = withAuth<{ id: string }>(
  async ({ req, db, actor, params }) => {
    const setup = await createPasswordSetup(db, actor, params.id);
    return contractJson(passwordSetupLinkSchema, { ...setup, url: publicUrl(req, setup.path) }, { status: 201, headers: { "cache-control": "no-store" } });
  },
  { roles: ["admin"] },
);
