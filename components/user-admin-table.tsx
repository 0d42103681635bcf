"use client";

import { useState } from "react";
import type { UserListItem } from "@/lib/contracts/users";
import { ROLES } from "@/lib/contracts/vocabulary";
import { CreateUserForm } from "./create-user-form";
import { sendJson } from "./send-json";
import { SetupLinkPanel } from "./setup-link-panel";


/** The admins' table of users: add one, change a role, disable or enable (with confirmation). */
export function UserAdminTable({ initialUsers, currentUserId }: { initialUsers: UserListItem[]; currentUserId: string }) {
  const [users, setUsers] = useState(initialUsers);
  const [error, setError] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [newLink, setNewLink] = useState<{ email: string; path: string; expiresAt: string }>();

  async function sendSetupLink(user: UserListItem) {
    if (!window.confirm(`Make a new set-up link for ${user.email}? Any earlier link of theirs stops working.`)) return;
    setBusyId(user.id);
    setError(undefined);
    setNewLink(undefined);
    const result = await sendJson<{ path: string; expiresAt: string }>("POST", `/api/users/${user.id}/password-setup`);
    setBusyId(undefined);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setNewLink({ email: user.email, ...result.body });
  }

  async function update(user: UserListItem, patch: Partial<Pick<UserListItem, "role" | "disabled">>) {
    setBusyId(user.id);
    setError(undefined);
    try {
      const res = await fetch(`/api/users/${user.id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(patch),
      });
      const body = (await res.json()) as UserListItem & { error?: { message: string } };
      if (!res.ok) {
        setError(body.error?.message ?? `Could not update ${user.email}`);
        return;
      }
      setUsers((list) => list.map((u) => (u.id === user.id ? body : u)));
    } catch {
      setError("Could not reach Newsmark; nothing was changed.");
    } finally {
      setBusyId(undefined);
    }
  }

  return (
    <>
      <CreateUserForm onCreated={(user) => setUsers((list) => [...list, user])} />
      <div role="status">
        {newLink && (
          <div className="secret-panel">
            <p>
              <strong>New set-up link for {newLink.email}.</strong>
            </p>
            <SetupLinkPanel path={newLink.path} expiresAt={newLink.expiresAt} />
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <table className="article-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => {
            const self = u.id === currentUserId;
            return (
              <tr key={u.id} data-testid={`user-${u.email}`}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={self || busyId === u.id}
                    onChange={(e) => void update(u, { role: e.target.value as UserListItem["role"] })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabled ? <span className="status-badge">Disabled</span> : <span className="status-badge status-reviewed">Active</span>}{" "}
                  {!self && (
                    <button
                      type="button"
                      className="button-quiet"
                      disabled={busyId === u.id}
                      onClick={() => {
                        if (u.disabled || window.confirm(`Disable ${u.email}? They are signed out at once.`)) {
                          void update(u, { disabled: !u.disabled });
                        }
                      }}
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </button>
                  )}
                  {!self && !u.disabled && (
                    <button
                      type="button"
                      className="button-quiet"
                      disabled={busyId === u.id}
                      aria-label={`New set-up link for ${u.email}`}
                      onClick={() => void sendSetupLink(u)}
                    >
                      New set-up link
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
