"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { NewPasswordFields } from "./new-password-fields";
import { sendJson } from "./send-json";

/** The form behind a one-time set-up link: a new password, twice; then on to the sign-in page. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    setError(undefined);
    if (password !== String(data.get("confirmPassword") ?? "")) {
      setError("The password and its confirmation differ.");
      return;
    }
    setBusy(true);
    const result = await sendJson("POST", "/api/password-setup", { token, password });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setDone(true);
  }

  if (done) {
    return (
      <div className="signin-card">
        <p role="status">Your password is set. The link cannot be used again.</p>
        <p>
          <Link href="/signin" className="button-primary">
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="signin-card">
      <form onSubmit={onSubmit} aria-label="Set your password">
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <NewPasswordFields name="password" ruleId="setup-password-rule" autoFocus />
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Saving…" : "Set password"}
        </button>
      </form>
    </div>
  );
}
