"use client";

import { useState, type FormEvent } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import type { UserListItem } from "@/lib/contracts/users";
import { ROLES } from "@/lib/contracts/vocabulary";
import { sendJson } from "./send-json";
import { SetupLinkPanel } from "./setup-link-panel";


type Created = Omit<UserListItem, "disabled" | "createdAt"> & { setup?: { path: string; url: string; expiresAt: string } };

/**
 * The admins' form for a new colleague: a password to hand over, or a one-time link with which they
 * choose their own (shown once, here, to be sent to them).
 */
export function CreateUserForm({ onCreated }: { onCreated(user: UserListItem): void }) {
  const [method, setMethod] = useState<"link" | "password">("link");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ email: string; setup?: { path: string; expiresAt: string } }>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    const result = await sendJson<Created>("POST", "/api/users", {
      email: String(data.get("email") ?? ""),
      name: String(data.get("name") ?? ""),
      role: String(data.get("role") ?? "editor"),
      ...(method === "link" ? { setupLink: true } : { password: String(data.get("password") ?? "") }),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const user = result.body;
    form.reset();
    setCreated({ email: user.email, setup: user.setup });
    onCreated({ id: user.id, email: user.email, name: user.name, role: user.role, disabled: false, createdAt: new Date().toISOString() });
  }

  return (
    <div className="create-user">
      <h2>Add a user</h2>
      <form className="stacked-form" onSubmit={onSubmit} aria-label="Add a user">
        <div className="row">
          <label>
            Email
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <label>
            Name
            <input name="name" required maxLength={200} autoComplete="off" />
          </label>
          <label>
            Role
            <select name="role" defaultValue="editor">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>How they get their password</legend>
          <label className="checkbox">
            <input type="radio" name="method" value="link" checked={method === "link"} onChange={() => setMethod("link")} />
            One-time link: they choose their own
          </label>
          <label className="checkbox">
            <input type="radio" name="method" value="password" checked={method === "password"} onChange={() => setMethod("password")} />
            A password I hand over
          </label>
        </fieldset>
        {method === "password" && (
          <label>
            Password
            <input name="password" type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" aria-describedby="create-password-rule" />
            <span id="create-password-rule" className="small muted">
              At least {MIN_PASSWORD_LENGTH} characters.
            </span>
          </label>
        )}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "Adding…" : "Add user"}
        </button>
      </form>
      <div role="status">
        {created && (
          <div className="secret-panel">
            <p>
              <strong>{created.email} added.</strong>
              {!created.setup && " Hand them their password; they can change it in Settings."}
            </p>
            {created.setup && <SetupLinkPanel path={created.setup.path} expiresAt={created.setup.expiresAt} />}
          </div>
        )}
      </div>
    </div>
  );
}
