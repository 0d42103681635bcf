import "server-only";
import { AppError } from "../errors";
import { toAnnotationJson, type AnnotationJson } from "./annotation-json";

/** The 409 for a write based on an old version: it carries the current state so the client can show what changed. */
export function staleVersion(current: Parameters<typeof toAnnotationJson>[0] | null, sent: number): AppError {
  const json: AnnotationJson | null = current ? toAnnotationJson(current) : null;
  return new AppError(
    "conflict",
    json
      ? `This annotation changed since you loaded it (you sent version ${sent}, it is now ${json.version})`
      : "This annotation was deleted by someone else",
    { current: json },
  );
}
