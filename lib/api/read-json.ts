import type { NextRequest } from "next/server";
import { AppError } from "../server/errors";

/** Body limits: article imports may be large; everything else is small. */
export const BODY_LIMIT = { default: 64 * 1024, articleImport: 2 * 1024 * 1024 } as const;

/** Deeper than any document the editor makes (a list in a quote in a list is about 12 levels). */
export const MAX_JSON_DEPTH = 100;

/**
 * Keys that reach Object.prototype when a parsed body is copied with plain assignment (as object
 * spreads and schema libraries may do): refused anywhere in a body, since no API field uses them.
 */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

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
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        // The client went away mid-body (its socket reset: a closed tab, a lost network). Its
        // ECONNRESET is the client's, not the database's: nothing was read, nothing is written.
        throw new AppError("validation_failed", "The request body was cut off before it ended; nothing was changed");
      }
      const { done, value } = chunk;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    // Decoding leniently would store U+FFFD in place of the client's bytes: refuse instead.
    text = utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("validation_failed", "Request body is not valid UTF-8");
  }
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
  const problem = findProblem(value);
  if (problem) {
    const path = problem.path || "(body)";
    throw new AppError("validation_failed", `${path}: ${problem.message}`, [{ path, message: problem.message }]);
  }
  return value;
}

/** A lone UTF-16 surrogate: JSON escapes can make one, but it is not text and cannot be stored as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | null {
  // PostgreSQL cannot store U+0000 in text or JSON, so it is refused here rather than failing at write time.
  if (text.includes("\u0000")) return "text must not contain NUL (U+0000) characters";
  if (LONE_SURROGATE.test(text)) return "text must be valid Unicode (it has an unpaired surrogate)";
  return null;
}

/**
 * Walks the parsed body without recursion (a deeply nested body must not overflow the stack) and
 * names the first thing no route accepts: too much nesting, NUL, invalid Unicode, prototype keys.
 */
function findProblem(root: object): { path: string; message: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { path, message: problem };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { path, message: `nested more than ${MAX_JSON_DEPTH} levels deep` };
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyProblem = PROTOTYPE_KEYS.has(key) ? `the key "${key}" is not accepted` : textProblem(key);
      if (keyProblem) return { path: childPath, message: keyProblem };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
