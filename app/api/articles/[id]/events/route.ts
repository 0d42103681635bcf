import { withAuth } from "@/lib/api/with-auth";
import { openArticleEventStream, streamStart } from "@/lib/server/events/article-event-stream";

// A stream per request, never cached or rendered ahead.
export const dynamic = "force-dynamic";

/** The article's live events as server-sent events, from `?after=` or the browser's `Last-Event-ID`. */
export const GET = withAuth<{ id: string }>(async ({ req, db, actor, params }) => {
  const after = streamStart(req.headers.get("last-event-id"), Object.fromEntries(req.nextUrl.searchParams));
  const stream = await openArticleEventStream(db, actor, params.id, after, req.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: a compressing proxy (or Next's own gzip) would hold events back to fill a block.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
