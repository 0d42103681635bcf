import type { CallSpec } from "./call-route";

/**
 * Hostile inputs, built from a route's valid request so each one differs in a single way from a
 * request the route would accept. Every case names what it tries, for failure messages and counts.
 */
export interface HostileCase {
  name: string;
  spec: CallSpec;
}

/** Statuses a hostile request may get: the documented client errors of the API. */
export const DOCUMENTED_4XX = [400, 401, 403, 404, 409, 413, 429] as const;

const MB = 1024 * 1024;
const HUGE_STRING = "x".repeat(3 * MB);
const LONG_ID = "a".repeat(5000);
const json = (value: unknown) => JSON.stringify(value);

/** A body text with one top-level key replaced by raw JSON text (for values JSON.stringify cannot make). */
function withRawField(body: Record<string, unknown>, key: string, raw: string): string {
  const marker = "\u0001raw\u0001";
  return json({ ...body, [key]: marker }).replace(json(marker), raw);
}

/** Bodies that are not a JSON object at all, or not JSON, or not sent as JSON. */
export function malformedBodies(valid: Record<string, unknown>): HostileCase[] {
  const text = json(valid);
  const deep = "[".repeat(30_000) + "]".repeat(30_000);
  return [
    { name: "truncated JSON", spec: { body: text.slice(0, -1) } },
    { name: "empty body", spec: { body: "" } },
    { name: "whitespace body", spec: { body: "  \n " } },
    { name: "JSON array", spec: { body: "[]" } },
    { name: "JSON null", spec: { body: "null" } },
    { name: "JSON string", spec: { body: '"text"' } },
    { name: "JSON number", spec: { body: "42" } },
    { name: "two objects", spec: { body: `${text}${text}` } },
    { name: "trailing comma", spec: { body: `${text.slice(0, -1)},}` } },
    { name: "single quotes", spec: { body: text.replace(/"/g, "'") } },
    { name: "deeply nested arrays", spec: { body: `{"x":${deep}}` } },
    { name: "deeply nested objects", spec: { body: `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}` } },
    { name: "body larger than any limit", spec: { body: json({ ...valid, padding: HUGE_STRING }) } },
    { name: "valid JSON as text/plain", spec: { body: text, headers: { "content-type": "text/plain" } } },
    { name: "valid JSON as a form", spec: { body: text, headers: { "content-type": "application/x-www-form-urlencoded" } } },
    { name: "no content type", spec: { body: text, headers: { "content-type": "" } } },
    { name: "invalid UTF-8 bytes", spec: { body: new Uint8Array([...Buffer.from(text.slice(0, -1)), 0x2c, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]) } },
    { name: "__proto__ key at the top", spec: { body: `{"__proto__":{"role":"admin","isAdmin":true},${text.slice(1)}` } },
    { name: "constructor key at the top", spec: { body: `{"constructor":{"prototype":{"isAdmin":true}},${text.slice(1)}` } },
    { name: "NUL in a key", spec: { body: `{"a\\u0000":1,${text.slice(1)}` } },
  ];
}

/**
 * For one field of a valid body: wrong types, huge values, bad numbers, unknown ids, prototype
 * keys nested inside, invalid Unicode. Only values the field must refuse are tried.
 */
export function fieldMutations(valid: Record<string, unknown>): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [key, value] of Object.entries(valid)) {
    const raw = (label: string, text: string) => cases.push({ name: `${key}: ${label}`, spec: { body: withRawField(valid, key, text) } });
    const set = (label: string, v: unknown) => raw(label, json(v));
    set("null", null);
    if (typeof value !== "boolean") set("boolean", true);
    if (typeof value !== "number") set("number", 12345);
    if (typeof value !== "string") set("string", "12");
    if (!Array.isArray(value)) set("array", [value]);
    if (typeof value !== "object") set("object", { value });
    set("huge string", HUGE_STRING);
    set("huge array", new Array(5000).fill(value));
    set("array larger than any limit", new Array(400_000).fill(123456));
    if (typeof value === "number") {
      set("negative", -1);
      set("fractional", 1.5);
      set("NaN as a string", "NaN");
      raw("NaN literal", "NaN");
      raw("Infinity literal", "Infinity");
      raw("overflow to Infinity", "1e999");
      set("beyond safe integers", 2 ** 60);
    }
    if (typeof value === "string") {
      raw("lone high surrogate", '"abc\\ud800def"');
      raw("lone low surrogate", '"\\udc00"');
      raw("NUL character", '"a\\u0000b"');
      if (/^[0-9a-f-]{36}$/i.test(value)) {
        set("unknown id", crypto.randomUUID());
        set("not a UUID", "not-a-uuid");
        set("SQL in an id", "' OR '1'='1");
        set("__proto__ as an id", "__proto__");
      }
    }
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      raw("nested __proto__", `{"__proto__":{"polluted":true},${json(value).slice(1)}`.replace(",}", "}"));
      raw("nested constructor", `{"constructor":{"prototype":{"polluted":true}},${json(value).slice(1)}`.replace(",}", "}"));
    }
  }
  return cases;
}

/** Values for a route's `[id]` segment that name nothing: unknown, malformed, prototype names, huge. */
export function unknownIds(): { name: string; id: string }[] {
  return [
    { name: "unknown UUID", id: crypto.randomUUID() },
    { name: "nil UUID", id: "00000000-0000-0000-0000-000000000000" },
    { name: "not a UUID", id: "not-a-uuid" },
    { name: "__proto__", id: "__proto__" },
    { name: "constructor", id: "constructor" },
    { name: "SQL", id: "1' OR '1'='1" },
    { name: "path traversal", id: "../../users" },
    { name: "NUL", id: "\u0000" },
    { name: "5,000 characters", id: LONG_ID },
    { name: "emoji", id: "🦄" },
  ];
}

/** Query strings a route that reads its query must refuse. */
export function hostileQueries(validQuery: string): HostileCase[] {
  const join = (extra: string) => (validQuery ? `${validQuery}&${extra}` : extra);
  return [
    { name: "__proto__ parameter", spec: { query: join("__proto__=1") } },
    { name: "constructor parameter", spec: { query: join("constructor=1") } },
    { name: "unknown parameter", spec: { query: join("nonsense=1") } },
    { name: "limit negative", spec: { query: join("limit=-1") } },
    { name: "limit fractional", spec: { query: join("limit=1.5") } },
    { name: "limit NaN", spec: { query: join("limit=NaN") } },
    { name: "limit Infinity", spec: { query: join("limit=1e999") } },
    { name: "huge value", spec: { query: join(`cursor=${"z".repeat(100_000)}`) } },
    { name: "broken percent-encoding", spec: { query: join("cursor=%E0%A4%A&limit=%ZZ") } },
  ];
}

/** Authorization headers that name nobody. */
export function hostileAuthorization(): HostileCase[] {
  return [
    { name: "Bearer with nothing", spec: { headers: { authorization: "Bearer " } } },
    { name: "Bearer with spaces inside", spec: { headers: { authorization: "Bearer a b c" } } },
    { name: "Basic credentials", spec: { headers: { authorization: "Basic YWRtaW46YWRtaW4=" } } },
    { name: "Bearer of 100 KB", spec: { headers: { authorization: `Bearer nmk_${"A".repeat(100_000)}` } } },
    { name: "Bearer with SQL", spec: { headers: { authorization: "Bearer nmk_' OR '1'='1" } } },
    { name: "Bearer made of non-ASCII", spec: { headers: { authorization: "Bearer nmk_\u00e9\u00e9\u00e9" } } },
  ];
}
