import { Ajv2020 } from "ajv/dist/2020.js";
import { openApiDocument } from "@/lib/contracts/openapi";

// Every answer the integration tests receive is held against the reference: its status must be
// documented for the operation, and a JSON body must match the schema documented for that status.

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

const DOC_ID = "newsmark-openapi";
let ajv: Ajv2020 | undefined;

function validatorFor(): Ajv2020 {
  if (ajv) return ajv;
  // Formats are documentation here (zod's schemas carry a pattern for each that matters).
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(openApiDocument(), DOC_ID);
  return ajv;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** `/api/articles/[id]` (as the app folder names it) → `/api/articles/{id}` (as OpenAPI does). */
export function openApiPath(pattern: string): string {
  return pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");
}

/** Why an answer breaks the documented contract, or null when it keeps it. */
export function contractProblem(method: string, pattern: string, status: number, contentType: string | null, body: string): string | null {
  const path = openApiPath(pattern);
  const doc = openApiDocument() as unknown as Doc;
  const operation = doc.paths[path]?.[method.toLowerCase()];
  if (!operation) return `${method} ${path} is not in the OpenAPI document`;
  const response = operation.responses[String(status)];
  if (!response) return `${method} ${path} answered ${status}, which the OpenAPI document does not list (${Object.keys(operation.responses).join(", ")}): ${body.slice(0, 300)}`;
  const media = (contentType ?? "").split(";")[0]!.trim();
  if (!response.content) return body.length === 0 ? null : `${method} ${path} ${status} is documented without a body, but one came: ${body.slice(0, 200)}`;
  if (!(media in response.content)) return `${method} ${path} ${status} answered ${media || "no content type"}, documented: ${Object.keys(response.content).join(", ")}`;
  if (!/json$/.test(media) || media === "application/x-ndjson") return null;
  const validate = validatorFor().getSchema(`${DOC_ID}#/${pointer("paths", path, method.toLowerCase(), "responses", String(status), "content", media, "schema")}`);
  if (!validate) return `No schema for ${method} ${path} ${status} ${media}`;
  if (validate(JSON.parse(body))) return null;
  return `${method} ${path} ${status} does not match its documented schema: ${validatorFor().errorsText(validate.errors)}; body: ${body.slice(0, 300)}`;
}

/** Throws when an answer breaks the documented contract; the response itself is left unread. */
export async function assertDocumentedResponse(method: string, pattern: string, res: Response): Promise<void> {
  const contentType = res.headers.get("content-type");
  // A stream (the bulk export) is left to its reader: reading a copy here would change how it flows.
  const body = contentType === null || /json\b/.test(contentType) ? await res.clone().text() : "";
  const problem = contractProblem(method, pattern, res.status, contentType, body);
  if (problem) throw new Error(problem);
}

/** A route handler whose every answer is checked against the OpenAPI document before the test sees it. */
export function documented<A extends unknown[]>(method: string, pattern: string, handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    const res = await handler(...args);
    await assertDocumentedResponse(method, pattern, res);
    return res;
  };
}
