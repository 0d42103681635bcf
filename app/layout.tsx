import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { withPageVisitor } from "@/lib/auth/with-page-actor";
import { pendingForReviewer } from "@/lib/server/review/review-queue";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Newsmark", template: "%s · Newsmark" },
  description: "Tag claims, hedges and attributions in news articles.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header's reader and their review count, through the same loader as the pages.
  const { actor, pending } = await withPageVisitor(async ({ actor, db }) => ({
    actor,
    pending: actor && actor.role !== "editor" ? await pendingForReviewer(db, actor) : 0,
  }));
  return (
    <html lang="en">
      <body>
        {/* The first stop for Tab: past the header's links straight to the page's own content. */}
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <AppHeader actor={actor} pending={pending} />
        {/* Focusable from script only, so the skip link moves the focus there and Tab goes on from it. */}
        <main className="page" id="content" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
