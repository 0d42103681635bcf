"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./api-reference.css";

/**
 * The API reference rendered by Swagger UI from the served OpenAPI document.
 *
 * Swagger UI's prebuilt bundle (swagger-ui-dist), not swagger-ui-react: bundled again by Next's
 * Turbopack, swagger-ui-react's OpenAPI 3.1 resolver (ApiDOM) fails with "refract is not a
 * function" and an expanded operation shows only its summary. The prebuilt bundle is already
 * resolved, and it is served from this app like any other chunk, so no CDN is involved.
 */
export function ApiReference({ url }: { url: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  useEffect(() => {
    let cancelled = false;
    // Loaded in the browser only: the bundle touches `window` as it loads.
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !container.current) return;
        // validatorUrl null: no validator badge, which would send the document to another host.
        SwaggerUIBundle({ domNode: container.current, url, docExpansion: "list", defaultModelsExpandDepth: 0, tryItOutEnabled: false, validatorUrl: null });
        setState("ready");
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, [url]);

  return (
    <>
      {state === "loading" && <p className="muted">Loading the reference…</p>}
      {state === "failed" && (
        <p role="alert">
          The reference could not be loaded; the document itself is at <a href={url}>{url}</a>.
        </p>
      )}
      <div ref={container} />
    </>
  );
}
