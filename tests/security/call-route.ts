import { pathToFileURL } from "node:url";
import { NextRequest } from "next/server";
import { assertDocumentedResponse } from "../helpers/contract-response";
import { exportedMethods, routeHandlerFiles, type HttpMethod } from "./app-routes";

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** A route module as the app has it: its URL pattern and its exported handlers. */
export interface LoadedRoute {
  pattern: string;
  methods: HttpMethod[];
  handlers: Partial<Record<HttpMethod, Handler>>;
}

/** Imports every `app/**\/route.ts` and lists what each one exports. */
export async function loadRoutes(): Promise<LoadedRoute[]> {
  const routes: LoadedRoute[] = [];
  for (const { pattern, file } of routeHandlerFiles()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const methods = exportedMethods(mod);
    routes.push({ pattern, methods, handlers: Object.fromEntries(methods.map((m) => [m, mod[m] as Handler])) });
  }
  return routes;
}

/** What one call sends: values for the pattern's dynamic segments, a query string, a body, headers. */
export interface CallSpec {
  params?: Record<string, string>;
  query?: string;
  /** An object is sent as JSON; a string or bytes are sent as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** `/api/articles/[id]` with `{id}` → `/api/articles/<id>` (each value URL-encoded, as a client would send it). */
export function fillPattern(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for [${name}] in ${pattern}`);
    return encodeURIComponent(value);
  });
}

/**
 * Calls a handler directly, as Next.js would, with an optional bearer token. The params handed to
 * the handler are the decoded values, like Next.js decodes the path.
 */
export async function callRoute(route: LoadedRoute, method: HttpMethod, spec: CallSpec, token?: string): Promise<Response> {
  const handler = route.handlers[method];
  if (!handler) throw new Error(`${route.pattern} exports no ${method}`);
  const headers = new Headers(spec.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  let body: BodyInit | undefined;
  if (spec.body !== undefined) {
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    body = typeof spec.body === "string" || spec.body instanceof Uint8Array ? (spec.body as BodyInit) : JSON.stringify(spec.body);
  }
  const url = `http://localhost${fillPattern(route.pattern, spec.params)}${spec.query ? `?${spec.query}` : ""}`;
  const req = new NextRequest(url, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(spec.params ?? {}) });
  // Every answer, refusals included, must be one the OpenAPI document describes.
  await assertDocumentedResponse(method, route.pattern, res);
  return res;
}

/**
 * The text of an answer. An event stream never ends by itself: its first chunk (the `retry`
 * preamble) is read and the stream cancelled, which also ends the server's side of it.
 */
export async function readBody(res: Response): Promise<string> {
  if (!res.body || !(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) return res.text();
  const reader = res.body.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}
