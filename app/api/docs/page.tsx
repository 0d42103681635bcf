import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference";
import { requirePageActor } from "@/lib/auth/require-page-actor";

export const metadata: Metadata = { title: "API reference" };

// A page, not a route handler, beside the API it documents: the proxy gives it the page
// Content-Security-Policy like any other page (its matcher names /api/docs).
export default async function ApiDocsPage() {
  await requirePageActor("/api/docs");
  return (
    <section className="wide api-reference">
      <h1>API reference</h1>
      <p className="muted">
        Generated from the contracts the API validates with; the document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.
        Scripts authenticate with a personal access token from <a href="/settings">Settings</a>.
      </p>
      <ApiReference url="/api/openapi.json" />
    </section>
  );
}
