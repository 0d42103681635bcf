import Link from "next/link";
import type { Actor } from "@/lib/server/actor";
import { SignOutButton } from "./sign-out-button";

/** The bar on every page: the product, and who is signed in with which role (loaded by the root layout). */
export function AppHeader({ actor, pending }: { actor: Actor | null; pending: number }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Newsmark
      </Link>
      {actor && (
        <nav className="app-nav" aria-label="Main">
          <Link href="/">Articles</Link>
          <Link href="/articles/new">Import</Link>
          <Link href="/review">
            Review{" "}
            {actor.role !== "editor" && (
              // Hidden words rather than an aria-label, which a plain span may not carry.
              <>
                <span className="count-badge" data-testid="pending-count">
                  {pending}
                </span>
                <span className="visually-hidden"> pending</span>
              </>
            )}
          </Link>
          {actor.role === "admin" && <Link href="/admin/users">Users</Link>}
          <Link href="/settings">Settings</Link>
        </nav>
      )}
      {actor && (
        <div className="who" data-testid="current-user">
          <span className="who-name">{actor.name}</span>
          <span className={`role-badge role-${actor.role}`}>{actor.role}</span>
          <SignOutButton />
        </div>
      )}
    </header>
  );
}
