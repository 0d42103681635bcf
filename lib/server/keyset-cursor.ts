import "server-only";
import { uuidSchema } from "../contracts/common";
import { AppError } from "./errors";

/** A position in a list ordered by a time column and then by id: opaque to clients, checked when it comes back. */
export interface KeysetCursor {
  at: string;
  id: string;
}

/** Encodes a position after the given row. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id } satisfies KeysetCursor)).toString("base64url");
}

/** Decodes a cursor this API returned; anything else is a 400, never a database error. */
export function decodeCursor(raw: string): { at: Date; id: string } {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as KeysetCursor;
    if (typeof value.at === "string" && uuidSchema.safeParse(value.id).success && !Number.isNaN(Date.parse(value.at))) {
      return { at: new Date(value.at), id: value.id };
    }
  } catch {
    // Fall through to the error below.
  }
  throw new AppError("validation_failed", "cursor is not one this API returned", [{ path: "cursor", message: "invalid" }]);
}
