"use client";

import { useState, type FormEvent } from "react";
import { NewPasswordFields } from "../new-password-fields";
import { sendJson } from "../send-json";

/** The signed-in user's own password: the current one, then the new one twice. */
export function ChangePasswordForm() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const newPassword = String(data.get("newPassword") ?? "");
    setError(undefined);
    setDone(undefined);
    if (newPassword !== String(data.get("confirmPassword") ?? "")) {
      setError("The new password and its confirmation differ; your password was not changed.");
      return;
    }
    setBusy(true);
    const result = await sendJson("POST", "/api/me/password", { currentPassword: String(data.get("currentPassword") ?? ""), newPassword });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    form.reset();
    setDone("Your password has been changed. Use the new one next time you sign in.");
  }

  return (
    <form className="stacked-form narrow-form" onSubmit={onSubmit} aria-label="Change your password">
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </label>
      <NewPasswordFields name="newPassword" ruleId="new-password-rule" />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p role="status" className="small">
        {done}
      </p>
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
