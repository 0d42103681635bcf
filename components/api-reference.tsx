"use client";

import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";
import "./api-reference.css";

// Swagger UI touches `window` as it loads, so it renders in the browser only.
const SwaggerUI = dynamic(() => import("swagger-ui-react"), { ssr: false, loading: () => <p className="muted">Loading the reference…</p> });

/** The API reference rendered by Swagger UI from the served OpenAPI document. */
export function ApiReference({ url }: { url: string }) {
  // No validator badge: it would send the document to another host.
  return <SwaggerUI url={url} docExpansion="list" defaultModelsExpandDepth={0} tryItOutEnabled={false} />;
}
