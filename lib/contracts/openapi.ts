import { z } from "zod";
import { ERROR_STATUS, errorBodySchema, INTERNAL_ERROR_CODE, type ErrorCode } from "./errors";
import { EXAMPLES } from "./openapi-examples";
import { OPERATIONS, type Named, type Operation, type OperationResponse } from "./operations";

// The reference is generated, never written by hand: zod 4's own JSON Schema output (draft
// 2020-12, the dialect of OpenAPI 3.1) of the very schemas the route handlers parse with.

/** The name of the component holding the error body for one code, e.g. `NotFoundError`. */
export function errorComponentName(code: ErrorCode): string {
  return `${code.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())}Error`;
}

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  validation_failed: "The request is malformed or a field is invalid; `details` lists `{path, message}`",
  unauthorized: "No valid session or token",
  forbidden: "Signed in, but not allowed: a disabled account, a missing role, someone else's work, or a cross-site request",
  not_found: "No such resource (or not one the caller may see)",
  conflict: "The state changed: a stale version, a newer revision, or a duplicate",
  payload_too_large: "The body is over the limit",
  rate_limited: "Too many attempts; `Retry-After` says when to try again",
  unavailable: "The database is busy or not migrated",
  service_unavailable:
    "The database cannot be reached right now; `Retry-After` says how many seconds to wait before trying again. The message says that nothing was changed, " +
    "or, when the connection broke under a write, that it may have been saved",
};

/** Codes whose answers carry a `Retry-After` header, in seconds. */
const RETRY_AFTER_CODES: ReadonlySet<ErrorCode> = new Set(["rate_limited", "service_unavailable"]);

/** The error codes an operation may answer: those its access, inputs and path imply, and its own. */
export function errorCodesOf(op: Operation): ErrorCode[] {
  // Whatever reads the database may find it locked, unmigrated or unreachable.
  const codes = new Set<ErrorCode>(op.database === false ? [] : ["unavailable", "service_unavailable"]);
  if (op.access === "signed-in") ["unauthorized", "forbidden"].forEach((c) => codes.add(c as ErrorCode));
  if (op.query || op.body) codes.add("validation_failed");
  if (op.body) codes.add("payload_too_large");
  if (op.path.includes("{") && op.access === "signed-in") codes.add("not_found");
  for (const code of op.errors ?? []) codes.add(code);
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b]);
}

type JsonSchema = Record<string, unknown>;

/** Every named schema of one direction as components, referring to each other by `$ref`. */
function componentsOf(items: Named[], io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const { name, schema } of items) {
    const known = registry.get(schema);
    if (known && known.id !== name) throw new Error(`One schema under two names: ${known.id} and ${name}`);
    if (!known) registry.add(schema, { id: name });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    // Refinements and transforms have no JSON Schema form; the document states their rules in words.
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      // The dialect and id belong to a standalone schema; inside the document they would rebase its refs.
      const rest: JsonSchema = { ...(schema as JsonSchema) };
      delete rest.$schema;
      delete rest.$id;
      return [name, rest];
    }),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `/api/articles/{id}` → `[{name: "id", in: "path", …}]`. */
function pathParameters(path: string) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

/** A query schema's properties as OpenAPI query parameters. */
function queryParameters(query: Named | undefined, components: Record<string, JsonSchema>) {
  if (!query) return [];
  const schema = components[query.name] as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: (schema.required ?? []).includes(name),
    schema: property,
  }));
}

function successResponse(op: Operation, response: OperationResponse, example: unknown) {
  const content: Record<string, unknown> = {};
  if (response.body) {
    content[response.contentType ?? "application/json"] = { schema: ref(response.body.name), ...(example === undefined ? {} : { example }) };
    for (const alt of response.alternatives ?? []) content[alt.contentType] = { schema: ref(alt.body.name) };
  }
  return { description: response.description, ...(response.body ? { content } : {}) };
}

type SuccessResponse = ReturnType<typeof successResponse>;

/**
 * The answer documented for the error codes that share one status (503: a locked or unmigrated
 * database, or one that cannot be reached), as one of their bodies; an operation's own answer
 * with that status (the health check's report of a degraded database) is one of them too.
 */
function errorResponseObject(codes: ErrorCode[], own: SuccessResponse | undefined) {
  const ownJson = own?.content?.["application/json"] as { schema: unknown } | undefined;
  const schemas = [...(ownJson ? [ownJson.schema] : []), ...codes.map((code) => ref(errorComponentName(code)))];
  const description =
    codes.length === 1 && !own
      ? ERROR_DESCRIPTIONS[codes[0]!]
      : ["One of:", ...(own ? [`- ${own.description}`] : []), ...codes.map((code) => `- \`${code}\`: ${ERROR_DESCRIPTIONS[code]}`)].join("\n");
  const retryAfter = { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 0 } };
  return {
    description,
    ...(codes.some((code) => RETRY_AFTER_CODES.has(code)) ? { headers: { "Retry-After": retryAfter } } : {}),
    content: { "application/json": { schema: schemas.length === 1 ? schemas[0] : { oneOf: schemas } } },
  };
}

function operationObject(op: Operation, requests: Record<string, JsonSchema>) {
  const example = EXAMPLES[op.id] ?? {};
  const responses: Record<string, unknown> = {};
  const statuses = Object.keys(op.responses).map(Number).sort();
  statuses.forEach((status, i) => {
    responses[String(status)] = successResponse(op, op.responses[status]!, i === 0 ? example.response : undefined);
  });
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(op)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of byStatus) responses[String(status)] = errorResponseObject(codes, responses[String(status)] as SuccessResponse | undefined);
  // Any operation may fail on our side (a bug); it never answers 500 to bad input.
  responses["500"] = { description: "Something went wrong on the server's side", content: { "application/json": { schema: ref("InternalError") } } };
  const roles = op.roles ? `Only ${op.roles.join(" or ")}.` : "";
  const limit = op.body ? `Body limit: ${op.bodyLimit ?? "64 KB"}.` : "";
  const description = [op.description, roles, limit].filter(Boolean).join("\n\n");
  return {
    operationId: op.id,
    summary: op.summary,
    ...(description ? { description } : {}),
    tags: [op.tag],
    // Public operations need no credential; the rest take the document's default (a token or a session).
    ...(op.access === "public" ? { security: [] } : {}),
    parameters: [...pathParameters(op.path), ...queryParameters(op.query, requests)],
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.body.name), ...(example.request === undefined ? {} : { example: example.request }) } } } }
      : {}),
    responses,
  };
}

let built: JsonSchema | undefined;

/** The API's OpenAPI 3.1 document, generated from the contracts (built once per process). */
export function openApiDocument(): JsonSchema {
  if (built) return built;
  const requestSchemas = OPERATIONS.flatMap((op) => [op.query, op.body].filter((n): n is Named => n !== undefined));
  const responseSchemas = OPERATIONS.flatMap((op) =>
    Object.values(op.responses).flatMap((r) => [r.body, ...(r.alternatives ?? []).map((a) => a.body)].filter((n): n is Named => n !== undefined)),
  );
  const errorSchemas = [
    ...(Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => ({ name: errorComponentName(code), schema: errorBodySchema(code) })),
    { name: "InternalError", schema: errorBodySchema(INTERNAL_ERROR_CODE) },
  ];
  const requests = componentsOf(requestSchemas, "input");
  const responses = componentsOf([...responseSchemas, ...errorSchemas], "output");
  const clash = Object.keys(requests).find((name) => name in responses);
  if (clash) throw new Error(`${clash} names both a request and a response schema`);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op, requests);

  built = {
    openapi: "3.1.0",
    info: {
      title: "Newsmark API",
      version: "1",
      description:
        "Tag claims, hedges and attributions in news articles, review them, and export them. JSON in and out; errors are " +
        '`{"error": {"code", "message", "details"?}}`. Authenticate with a personal access token (`Authorization: Bearer nmk_…`, ' +
        "made on the Settings page or with `npm run cli -- token:create`) or, from the app's own pages, the session cookie.",
    },
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    paths,
    components: {
      schemas: { ...requests, ...responses },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token, `nmk_…`" },
        cookieAuth: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The session of a signed-in browser (`__Secure-` prefixed over HTTPS)" },
      },
    },
  };
  return built;
}
