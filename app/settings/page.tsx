import type { Metadata } from "next";
import { AllTokens } from "@/components/settings/all-tokens";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { TokenManager } from "@/components/settings/token-manager";
import { withPageActor } from "@/lib/auth/with-page-actor";
import { listTokens } from "@/lib/server/tokens/list-tokens";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { actor, own, others } = await withPageActor("/settings", async ({ actor, db }) => ({
    actor,
    own: await listTokens(db, actor),
    others: actor.role === "admin" ? (await listTokens(db, actor, { all: "true" })).filter((t) => t.user?.id !== actor.id) : [],
  }));
  return (
    <section className="wide settings">
      <h1>Settings</h1>
      <p className="muted">
        Signed in as {actor.name} ({actor.email}).
      </p>

      <h2>Password</h2>
      <ChangePasswordForm />

      <h2>Personal access tokens</h2>
      <p className="muted">
        A token lets a script or another system (a CMS, say) call the Newsmark API as you, with the header{" "}
        <code>Authorization: Bearer nmk_…</code>. Give each use its own token, so you can revoke one without breaking the others.
      </p>
      <TokenManager initialTokens={own} />

      {actor.role === "admin" && (
        <>
          <h2>Everyone else’s tokens</h2>
          <p className="muted">As an admin you can revoke any token, for instance one that leaked or belongs to someone who left.</p>
          <AllTokens initialTokens={others} />
        </>
      )}
    </section>
  );
}
