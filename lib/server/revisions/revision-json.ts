import "server-only";
import type { RevisionJson } from "../../contracts/articles";

/** A revision row as read from the database, the columns the API shows. */
export type RevisionRow = { id: string; number: number; doc: unknown; text: string; createdAt: Date; version: number; savedAt: Date | null };

/** A revision as the API shows it. */
export const toRevisionJson = (r: RevisionRow): RevisionJson => ({
  id: r.id,
  number: r.number,
  doc: r.doc,
  text: r.text,
  createdAt: r.createdAt.toISOString(),
  version: r.version,
  saved: r.savedAt !== null,
});

