"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

interface Props {
  callbackUrl: string;
  initialError?: string;
  ssoName?: string;
}

/** Email and password form; posts to next-auth itself so a 429 from throttling can be shown as such. */
export function SignInForm({ callbackUrl, initialError, ssoName }: Props) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const form = new FormData(event.currentTarget);
    try {
      const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          csrfToken: csrf.csrfToken,
          callbackUrl,
          json: "true",
        }),
      });
      if (res.status === 429) {
        const body = (await res.json()) as { error?: { message?: string } };
        setError(body.error?.message ?? signInErrorMessage("TooManyAttempts"));
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { url?: string };
      const failure = body.url ? new URL(body.url, window.location.href).searchParams.get("error") : "CredentialsSignin";
      if (failure || !res.ok) {
        setError(signInErrorMessage(failure ?? ""));
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setError("Could not reach Newsmark. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin-card">
      <form onSubmit={onSubmit} noValidate>
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required autoFocus aria-describedby={error ? "signin-error" : undefined} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required aria-describedby={error ? "signin-error" : undefined} />
        </label>
        {error && (
          // Both fields point here, so the reason is read again when the user goes back to them.
          <p role="alert" className="form-error" id="signin-error">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {ssoName && (
        <button type="button" className="button-secondary sso" onClick={() => void signIn("oidc", { callbackUrl })}>
          Sign in with {ssoName}
        </button>
      )}
    </div>
  );
}
