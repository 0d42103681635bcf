import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { openApiDocument } from "@/lib/contracts/openapi";
import { EXAMPLES } from "@/lib/contracts/openapi-examples";
import { OPERATIONS } from "@/lib/contracts/operations";
import { contractProblem, openApiPath } from "../../helpers/contract-response";
import { exportedMethods, routeHandlerFiles } from "../../security/app-routes";

type Doc = {
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown; example?: unknown }> }> }>>;
};

const doc = openApiDocument() as unknown as Doc;

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument()));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every route handler under app/api, and nothing that has no handler", async () => {
    const routes: string[] = [];
    for (const { pattern, file } of routeHandlerFiles().filter((r) => r.pattern.startsWith("/api/"))) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const method of exportedMethods(mod)) routes.push(`${method} ${openApiPath(pattern)}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.filter((r) => !documented.includes(r)), "Route handlers without an operation in lib/contracts/operations/").toEqual([]);
    expect(documented.filter((d) => !routes.includes(d)), "Operations without a route handler").toEqual([]);
  });

  it("gives every operation an example, and every example matches its schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(openApiDocument(), "doc");
    const problems: string[] = [];
    for (const op of OPERATIONS) expect(EXAMPLES[op.id], `an example for ${op.id}`).toBeDefined();
    expect(Object.keys(EXAMPLES).filter((id) => !OPERATIONS.some((op) => op.id === id)), "examples of no operation").toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const media = [
          ...Object.values(op.requestBody?.content ?? {}),
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {})),
        ];
        for (const { schema, example } of media) {
          if (example === undefined) continue;
          const validate = ajv.compile({ $ref: `doc${(schema as { $ref: string }).$ref}` });
          if (!validate(example)) problems.push(`${method} ${path}: ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("has a bearer token and a session cookie as its security schemes, and public operations need neither", () => {
    const document = openApiDocument() as { security: unknown; components: { securitySchemes: Record<string, unknown> } };
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      cookieAuth: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
    });
    expect(document.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect((doc.paths["/api/health"]!.get as { security?: unknown }).security).toEqual([]);
    expect((doc.paths["/api/articles"]!.get as { security?: unknown }).security).toBeUndefined();
  });

  it("documents 503 with Retry-After for every operation that reads the database, as in the errors the API sends", () => {
    for (const op of OPERATIONS) {
      const responses = doc.paths[op.path]![op.method]!.responses as Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: { oneOf?: unknown[] } }> }>;
      if (op.database === false) {
        expect(responses["503"], `${op.id} never reads the database`).toBeUndefined();
        continue;
      }
      const unavailable = responses["503"];
      expect(unavailable?.headers, `${op.id} 503`).toHaveProperty("Retry-After");
      expect(unavailable?.content?.["application/json"]?.schema.oneOf, `${op.id} 503`).toEqual(
        expect.arrayContaining([{ $ref: "#/components/schemas/UnavailableError" }, { $ref: "#/components/schemas/ServiceUnavailableError" }]),
      );
    }
    expect(doc.paths["/api/health"]!.get!.responses["503"]!.content!["application/json"]!.schema).toEqual({
      oneOf: [{ $ref: "#/components/schemas/DegradedHealth" }, { $ref: "#/components/schemas/UnavailableError" }, { $ref: "#/components/schemas/ServiceUnavailableError" }],
    });
  });

  it("is served at GET /api/openapi.json without signing in", async () => {
    const res = await openApiRoute();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe("holding answers to the document", () => {
  const json = "application/json";
  it("accepts an answer that matches its documented schema", () => {
    expect(contractProblem("GET", "/api/health", 200, json, JSON.stringify({ status: "ok", database: "pglite", databaseReachable: true }))).toBeNull();
    expect(contractProblem("GET", "/api/articles/[id]", 404, json, JSON.stringify({ error: { code: "not_found", message: "Article not found" } }))).toBeNull();
  });

  it("accepts the answers of a database that cannot be reached", () => {
    const outage = { error: { code: "service_unavailable", message: "The database cannot be reached right now; nothing was changed. Try again shortly." } };
    expect(contractProblem("POST", "/api/articles/[id]/annotations", 503, json, JSON.stringify(outage))).toBeNull();
    expect(contractProblem("GET", "/api/health", 503, json, JSON.stringify(outage))).toBeNull();
    const degraded = { status: "degraded", database: "postgresql", databaseReachable: false };
    expect(contractProblem("GET", "/api/health", 503, json, JSON.stringify(degraded))).toBeNull();
    expect(contractProblem("GET", "/api/health", 503, json, JSON.stringify({ ...degraded, databaseReachable: true }))).toMatch(/does not match/);
    expect(contractProblem("GET", "/api/health", 200, json, JSON.stringify(degraded))).toMatch(/does not match/);
  });

  it("names an answer whose body, status or error code the document does not describe", () => {
    expect(contractProblem("GET", "/api/health", 200, json, JSON.stringify({ status: "ok" }))).toMatch(/does not match its documented schema/);
    expect(contractProblem("GET", "/api/health", 418, json, "{}")).toMatch(/does not list/);
    expect(contractProblem("GET", "/api/articles/[id]", 404, json, JSON.stringify({ error: { code: "conflict", message: "No" } }))).toMatch(/does not match/);
    expect(contractProblem("GET", "/api/nowhere", 200, json, "{}")).toMatch(/not in the OpenAPI document/);
  });
});
