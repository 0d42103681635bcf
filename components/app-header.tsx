import Link from "next/link";
import { sessionActor } from "@/lib/auth/session-actor";
import { SignOutButton } from "./sign-out-button";

/** The bar on every page: the product, and who is signed in with which role. */
export async function AppHeader() {
  const actor = await sessionActor();
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Newsmark
      </Link>
      {actor && (
        <nav className="app-nav" aria-label="Main">
          <Link href="/">Articles</Link>
          <Link href="/articles/new">Import</Link>
          {actor.role === "admin" && <Link href="/admin/users">Users</Link>}
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
