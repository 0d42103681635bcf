"use client";

import { useState } from "react";
import type { TokenListItem } from "@/lib/contracts/tokens";
import { sendJson } from "../send-json";

/** A list of tokens with revocation: asks for confirmation, then marks the token revoked in place. */
export function useTokenList(initial: TokenListItem[]) {
  const [tokens, setTokens] = useState(initial);
  const [busyId, setBusyId] = useState<string>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function revoke(token: TokenListItem) {
    const whose = token.user ? ` of ${token.user.email}` : "";
    if (!window.confirm(`Revoke the token "${token.name}"${whose}? Scripts using it stop working at once. This cannot be undone.`)) return;
    setBusyId(token.id);
    setError(undefined);
    setNotice(undefined);
    const result = await sendJson("DELETE", `/api/tokens/${token.id}`);
    setBusyId(undefined);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setTokens((list) => list.map((t) => (t.id === token.id ? { ...t, state: "revoked", revokedAt: new Date().toISOString() } : t)));
    setNotice(`Token "${token.name}"${whose} revoked.`);
  }

  return { tokens, setTokens, busyId, error, notice, setNotice, revoke };
}
