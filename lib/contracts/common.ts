import { z } from "zod";

/** An id in a request or an answer. */
export const uuidSchema = z.uuid({ message: "must be a UUID" });

/** A moment as the API writes it: ISO 8601 in UTC. */
export const isoDateTimeSchema = z.iso.datetime();

/** A user as other records name them. */
export const personRefSchema = z.object({ id: z.string(), name: z.string() });

/** A page of a list and the cursor of the next one (null on the last page). */
export const nextCursorSchema = z.string().nullable();
