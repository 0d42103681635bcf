import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/set-password-form";
import { withPageVisitor } from "@/lib/auth/with-page-actor";
import { findPasswordSetup, SETUP_REFUSALS } from "@/lib/server/users/find-password-setup";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

/** Signed out: the person a one-time set-up link was made for chooses their password. */
export default async function SetPasswordPage({ params }: Props) {
  const { token } = await params;
  // The link is the credential: whoever is signed in (if anyone) does not matter here.
  const setup = await withPageVisitor(({ db }) => findPasswordSetup(db, token));
  return (
    <section className="signin">
      <h1>Set your password</h1>
      {setup.state === "valid" ? (
        <>
          <p className="muted">
            Choose the password for {setup.name} ({setup.email}). This link works once and expires {setup.expiresAt.slice(0, 10)}.
          </p>
          <SetPasswordForm token={token} email={setup.email} />
        </>
      ) : (
        <>
          <p role="alert" className="form-error">
            {SETUP_REFUSALS[setup.state]}
          </p>
          <p>
            <Link href="/signin">Go to the sign-in page</Link>
          </p>
        </>
      )}
    </section>
  );
}
