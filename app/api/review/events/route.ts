import { eventStreamResponse } from "@/lib/api/event-stream-response";
import { withAuth } from "@/lib/api/with-auth";
import { openReviewQueueEventStream } from "@/lib/server/review/review-queue-events";

// A stream per request, never cached or rendered ahead.
export const dynamic = "force-dynamic";

/** `event: changed` whenever any article has a new live event: an open review queue reads its page again. */
export const GET = withAuth(async ({ req, db, actor }) => eventStreamResponse(await openReviewQueueEventStream(db, actor, req.signal)));
