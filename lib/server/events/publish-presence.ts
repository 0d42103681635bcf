import "server-only";
import { presenceInput, type PresenceEvent } from "../../contracts/collab";
import { uuidSchema } from "../../contracts/common";
import { ANY_ROLE, requireRole, type Actor } from "../actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { PRESENCE_CHANNEL } from "./article-event-bus";

/**
 * Tells everyone with the article open where this person's caret is and what they are doing. A
 * beat is not stored: it travels by NOTIFY to every instance (a small payload, well under
 * PostgreSQL's 8,000 bytes) and is gone; pages repeat it while open and forget silent people.
 */
export async function publishPresence(db: Db, actor: Actor, articleId: string, input: unknown): Promise<void> {
  requireRole(actor, ANY_ROLE, "open articles");
  if (!uuidSchema.safeParse(articleId).success) throw notFound("Article");
  const data = presenceInput.parse(input);
  const beat: PresenceEvent & { articleId: string } = { ...data, articleId, user: { id: actor.id, name: actor.name }, at: Date.now() };
  const rows = await db.$queryRaw<{ sent: boolean }[]>`
    SELECT pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(beat)}) IS NULL AS sent
      FROM "articles" WHERE "id" = ${articleId}::uuid AND "deletedAt" IS NULL`;
  if (rows.length === 0) throw notFound("Article");
}
