import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { sessionActor } from "@/lib/auth/session-actor";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { oidcConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await sessionActor()) redirect(callbackUrl);
  const code = typeof params.error === "string" ? params.error : undefined;
  const error = code ? signInErrorMessage(code) : undefined;
  const oidc = oidcConfig();
  return (
    <section className="signin">
      <h1>Sign in to Newsmark</h1>
      <p className="muted">Tag claims, hedges and attributions; review your colleagues’ work.</p>
      <SignInForm callbackUrl={callbackUrl} initialError={error} ssoName={oidc?.name} />
    </section>
  );
}
