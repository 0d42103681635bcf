import "server-only";
import type { StepsSince } from "../../contracts/collab";
import type { Db, Tx } from "../db";

/**
 * The steps that took an article's text from `since` to `current`, oldest first, with the client
 * of each; null when some of them were compacted away (the caller must reload the text).
 */
export async function readStepsSince(db: Db | Tx, articleId: string, since: number, current: number): Promise<StepsSince | null> {
  if (since >= current) return { version: current, steps: [], clientIds: [] };
  const rows = await db.articleStep.findMany({
    where: { articleId, version: { gt: since, lte: current } },
    orderBy: { version: "asc" },
    select: { step: true, clientId: true },
  });
  if (rows.length !== current - since) return null;
  return { version: current, steps: rows.map((r) => r.step as StepsSince["steps"][number]), clientIds: rows.map((r) => r.clientId) };
}
