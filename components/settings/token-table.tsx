"use client";

import type { TokenListItem } from "@/lib/contracts/tokens";
import { UtcTime } from "../utc-time";

const STATE_LABEL = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;
const STATE_CLASS = { active: "status-reviewed", expired: "status-in_review", revoked: "status-rejected" } as const;

interface Props {
  tokens: TokenListItem[];
  /** Show whose token each is (the admins' list of everyone's tokens). */
  showOwner?: boolean;
  busyId?: string;
  caption: string;
  onRevoke(token: TokenListItem): void;
}

/** A table of tokens with their dates and state, and a Revoke button on each one still usable. */
export function TokenTable({ tokens, showOwner = false, busyId, caption, onRevoke }: Props) {
  return (
    <table className="article-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showOwner && <th scope="col">User</th>}
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} data-testid={`token-${t.id}`}>
            <td>{t.name}</td>
            {showOwner && <td>{t.user ? `${t.user.name} (${t.user.email})` : ""}</td>}
            <td>
              <UtcTime at={t.createdAt} />
            </td>
            <td>
              <UtcTime at={t.lastUsedAt} />
            </td>
            <td>
              <UtcTime at={t.expiresAt} />
            </td>
            <td>
              <span className={`status-badge ${STATE_CLASS[t.state]}`}>{STATE_LABEL[t.state]}</span>
            </td>
            <td>
              {t.state !== "revoked" && (
                <button
                  type="button"
                  className="button-danger"
                  disabled={busyId === t.id}
                  aria-label={`Revoke token ${t.name}${showOwner && t.user ? ` of ${t.user.email}` : ""}`}
                  onClick={() => onRevoke(t)}
                >
                  {busyId === t.id ? "Revoking…" : "Revoke"}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
