import type { NextRequest } from "next/server";
import { AppError } from "../server/errors";

/** Body limits: article imports may be large; everything else is small. */
export const BODY_LIMIT = { default: 64 * 1024, articleImport: 2 * 1024 * 1024 } as const;

/**
 * Reads a JSON body, refusing it (413) as soon as it passes the limit, whether or not the client
 * sent a Content-Length, and answering 400 for anything that is not a JSON object.
 */
export async function readJson(req: NextRequest, limit: number = BODY_LIMIT.default): Promise<unknown> {
  const tooLarge = () => new AppError("payload_too_large", `Request body is larger than ${Math.round(limit / 1024)} KB`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new AppError("validation_failed", "Send the body as JSON with Content-Type: application/json");
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("validation_failed", "Request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new AppError("validation_failed", `Request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("validation_failed", "Request body must be a JSON object");
  }
  const nulAt = findNul(value, "");
  if (nulAt !== null) {
    throw new AppError("validation_failed", `${nulAt || "(body)"}: text must not contain NUL (U+0000) characters`, [
      { path: nulAt || "(body)", message: "contains a NUL character" },
    ]);
  }
  return value;
}

/** PostgreSQL cannot store U+0000 in text or JSON, so it is refused here rather than failing at write time. */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return childPath;
    const found = findNul(child, childPath);
    if (found !== null) return found;
  }
  return null;
}
