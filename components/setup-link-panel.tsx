"use client";

import { useState } from "react";

/** A one-time set-up link just issued, with a copy button: it is shown only this once. */
export function SetupLinkPanel({ path, expiresAt }: { path: string; expiresAt: string }) {
  const [copied, setCopied] = useState<string>();
  // The link is for this browser's address: the one the admin uses is the one the user will reach.
  const link = new URL(path, window.location.origin).toString();

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("Copied to the clipboard.");
    } catch {
      setCopied("Could not copy automatically: select the link and copy it by hand.");
    }
  }

  return (
    <>
      <p>
        Send them this link to set their password. It works once, expires {expiresAt.slice(0, 10)}, and is shown only now.
      </p>
      <div className="secret-row">
        <label className="secret-label">
          Set-up link
          <input readOnly value={link} data-testid="setup-link" onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      {copied && <p className="small muted">{copied}</p>}
    </>
  );
}
