import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Newsmark", template: "%s · Newsmark" },
  description: "Tag claims, hedges and attributions in news articles.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppHeader />
        <main className="page">{children}</main>
      </body>
    </html>
  );
}
