"use client";

import { useRef, useState, type FormEvent } from "react";
import { TOKEN_EXPIRY_CHOICES, type CreatedToken, type TokenListItem } from "@/lib/contracts/tokens";
import { sendJson } from "../send-json";
import { TokenListView } from "./token-list-view";
import { useTokenList } from "./use-token-list";

/** The signed-in user's tokens: create one (shown once, with a copy button), list them, revoke one. */
export function TokenManager({ initialTokens }: { initialTokens: TokenListItem[] }) {
  const list = useTokenList(initialTokens);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string>();
  const [created, setCreated] = useState<CreatedToken>();
  const [copied, setCopied] = useState<string>();
  const tokenField = useRef<HTMLInputElement>(null);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expiry = String(data.get("expiresInDays") ?? "");
    setCreating(true);
    setCreateError(undefined);
    list.setNotice(undefined);
    const result = await sendJson<CreatedToken>("POST", "/api/tokens", {
      name: String(data.get("name") ?? ""),
      ...(expiry ? { expiresInDays: Number(expiry) } : {}),
    });
    setCreating(false);
    if (!result.ok) {
      setCreateError(result.message);
      return;
    }
    const token = result.body;
    setCreated(token);
    setCopied(undefined);
    form.reset();
    const item: TokenListItem = {
      id: token.id,
      name: token.name,
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
      expiresAt: token.expiresAt,
      revokedAt: null,
      state: "active",
    };
    list.setTokens((tokens) => [item, ...tokens]);
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("Copied to the clipboard.");
    } catch {
      // The clipboard needs a secure context; selecting the text lets the user copy it by hand.
      tokenField.current?.select();
      setCopied("Could not copy automatically: the token is selected, press Ctrl+C (⌘C) to copy it.");
    }
  }

  return (
    <>
      <form className="stacked-form token-form" onSubmit={onCreate} aria-label="Create a token">
        <div className="row">
          <label>
            Token name
            <input name="name" required maxLength={200} placeholder="e.g. CMS import script" autoComplete="off" />
          </label>
          <label>
            Expires
            <select name="expiresInDays" defaultValue="90">
              {TOKEN_EXPIRY_CHOICES.map((days) => (
                <option key={days} value={days}>
                  {days === 365 ? "in 1 year" : `in ${days} days`}
                </option>
              ))}
              <option value="">never</option>
            </select>
          </label>
        </div>
        {createError && (
          <p role="alert" className="form-error">
            {createError}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={creating}>
          {creating ? "Creating…" : "Create token"}
        </button>
      </form>

      {created && (
        <div className="secret-panel" role="region" aria-label="New token">
          <p>
            <strong>Token “{created.name}” created.</strong> Copy it now: <strong>you won’t see it again.</strong>
            {created.expiresAt ? ` It expires ${created.expiresAt.slice(0, 10)}.` : " It does not expire."}
          </p>
          <div className="secret-row">
            <label className="secret-label">
              Your new token
              <input ref={tokenField} readOnly value={created.token} data-testid="new-token" onFocus={(e) => e.currentTarget.select()} />
            </label>
            <button type="button" onClick={() => void copy()}>
              Copy token
            </button>
            <button type="button" className="button-quiet" onClick={() => setCreated(undefined)}>
              Done
            </button>
          </div>
          <p className="small muted" aria-live="polite">
            {copied}
          </p>
        </div>
      )}

      <TokenListView list={list} caption="Your tokens" empty="You have no tokens yet. Create one above to call the API from a script." />
    </>
  );
}
