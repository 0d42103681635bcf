import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/with-auth";
import { exportArticle } from "@/lib/server/export/export-article";

// Reads the database on every request; never prerendered or cached.
export const dynamic = "force-dynamic";

/** One article as a download, `?format=json|w3c&status=all|approved`: Newsmark JSON or a W3C annotation collection. */
export const GET = withAuth<{ id: string }>(async ({ req, db, actor, params }) => {
  // The W3C IRIs point back at this server, under the origin the client used to reach it.
  const exported = await exportArticle(db, actor, params.id, Object.fromEntries(req.nextUrl.searchParams), { baseUrl: req.nextUrl.origin });
  return NextResponse.json(exported.document, {
    headers: {
      "content-type": `${exported.contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${exported.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
