import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { publishPresence } from "@/lib/server/events/publish-presence";

/** Tells the others with the article open where this person's caret is: 204. */
export const POST = withAuth<{ id: string }>(async ({ req, db, actor, params }) => {
  await publishPresence(db, actor, params.id, await readJson(req));
  return new Response(null, { status: 204 });
});
