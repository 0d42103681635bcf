import Link from "next/link";
import { withPageVisitor } from "@/lib/auth/with-page-actor";
import { pendingForReviewer } from "@/lib/server/review/review-queue";
import { SignOutButton } from "./sign-out-button";

/** The bar on every page: the product, and who is signed in with which role. */
export async function AppHeader() {
  const { actor, pending } = await withPageVisitor(async ({ actor, db }) => ({
    actor,
    pending: actor && actor.role !== "editor" ? await pendingForReviewer(db, actor) : 0,
  }));
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
