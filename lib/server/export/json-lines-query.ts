import "server-only";
import { SUMMARY_KINDS, SUMMARY_STATUSES } from "../../export/summary-counts";

// Timestamps are stored in UTC without a zone; this renders them exactly as Date#toISOString does.
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** A JSON string of a text value, escaped exactly as JSON.stringify escapes it (SQL NULL stays NULL). */
const str = (sql: string) => `to_json(${sql})::text`;
/** The same, with JSON null for SQL NULL. */
const strOrNull = (sql: string) => `coalesce(to_json(${sql})::text, 'null')`;
/** An ExportPerson object of a users row. */
const person = (alias: string) => `'{"id":"' || ${alias}.id || '","name":' || ${str(`${alias}.name`)} || ',"email":' || ${str(`${alias}.email`)} || '}'`;

/**
 * A jsonb value as JSON.stringify writes it. jsonb's text form has a space after every ":" and ",";
 * json_strip_nulls re-writes JSON without them (the cheap way), but also drops null members, so a
 * value with "null" anywhere in it takes a pattern that removes spaces outside string literals.
 * Empty objects (every hedge's attributes) skip both.
 */
const compactJsonb = (sql: string) => `
  CASE WHEN ${sql} = '{}' THEN '{}'
       WHEN strpos(${sql}, 'null') = 0 THEN json_strip_nulls(${sql}::json)::text
       ELSE regexp_replace(${sql}, '("[^"\\\\]*(?:\\\\.[^"\\\\]*)*")| ', '\\1', 'g') END`;

/**
 * The summary's counts per kind and status (`summaryCounts` in lib/export/summary-counts.ts) as
 * columns of the grouped annotations `n`, and as JSON members of the grouped row `i`, built from
 * the same key lists so the SQL cannot count a key the definition does not (or miss one).
 */
const SUMMARY_COLUMNS = [
  ...SUMMARY_KINDS.map((kind) => `count(*) FILTER (WHERE n.kind = '${kind}') AS ${kind}`),
  ...SUMMARY_STATUSES.map((status) => `count(*) FILTER (WHERE n.status = '${status}') AS ${status}`),
].join(",\n        ");
const SUMMARY_JSON = [...SUMMARY_KINDS, ...SUMMARY_STATUSES].map((key, i) => `'${i === 0 ? "" : ","}"${key}":' || coalesce(i.${key}, 0)`).join(" || ");

/** SQL expressions for the query's inputs: placeholders for a prepared query, or literals for COPY, which takes no parameters. */
export interface JsonLinesQueryInputs {
  /** The article ids, as a uuid[] (or text castable to one). */
  ids: string;
  /** exportedAt as text, an ISO date-time. */
  exportedAt: string;
}

/**
 * The bulk export's one definition of the Newsmark JSON format (`lib/export/newsmark-article.schema.json`):
 * one row per article that has a current revision, in the order of the ids, with its line (without
 * the "\n") in `line`. Keys come in the order of `NewsmarkArticleExport` and `ExportAnnotation`,
 * values as `toNewsmarkJson` writes them ("bulk export lines written by PostgreSQL" in
 * tests/integration/export/bulk-export.test.ts holds the two equal, byte for byte).
 *
 * It is built as text rather than with json_build_object and json_agg, which write " : ", ", " and
 * newlines between members: every byte of a line comes out of PostgreSQL as it goes to the client,
 * so the server can pass the bytes on without reading them (`openJsonLines`).
 */
export function jsonLinesQuery(approvedOnly: boolean, { ids, exportedAt }: JsonLinesQueryInputs = { ids: "$1", exportedAt: "$2" }): string {
  /** Whether an annotation of a page's article is in the export. */
  const exported = (alias: string) => `${alias}."deletedAt" IS NULL${approvedOnly ? ` AND ${alias}.status = 'approved'` : ""}`;
  return `
    WITH page AS (
      SELECT a.id, k.ord, a.title, a.byline, a."sourceUrl", a."currentRevisionId"
        FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS k(id, ord) JOIN articles a ON a.id = k.id
    ),
    -- The authors and reviewers of the page's annotations, each written once rather than once per
    -- annotation (which took a third of the time of writing the annotations).
    people AS MATERIALIZED (
      SELECT u.id, ${person("u")} AS json FROM users u
       WHERE u.id IN (SELECT "createdById" FROM annotations WHERE "articleId" = ANY(${ids}::uuid[])
                      UNION SELECT "reviewedById" FROM annotations WHERE "articleId" = ANY(${ids}::uuid[]))
    ),
    -- Every exported annotation of the page, written up to its links. MATERIALIZED: read twice
    -- (for the items, and for the links from it), each row is written once.
    ann AS MATERIALIZED (
      SELECT n.id, n."articleId", n.kind, n.status, n."revisionId" = p."currentRevisionId" AND n.status <> 'orphaned' AS placed, n.start, n."end",
        '{"id":"' || n.id || '","kind":"' || n.kind
        -- An orphan keeps the offsets of the text it was orphaned from (an older revision, or this
        -- one before its words were deleted): counted in this text they would select other words,
        -- so it goes out without any.
        || '","start":' || CASE WHEN n."revisionId" = p."currentRevisionId" AND n.status <> 'orphaned' THEN n.start::text ELSE 'null' END
        || ',"end":' || CASE WHEN n."revisionId" = p."currentRevisionId" AND n.status <> 'orphaned' THEN n."end"::text ELSE 'null' END
        || ',"quote":{"exact":' || ${str(`n."quoteExact"`)} || ',"prefix":' || ${str(`n."quotePrefix"`)} || ',"suffix":' || ${str(`n."quoteSuffix"`)}
        || '},"note":' || ${str("n.note")}
        || ',"attributes":' || ${compactJsonb("n.attrs")}
        || ',"status":"' || n.status
        || '","createdBy":' || c.json
        || ',"createdAt":"' || to_char(n."createdAt", ${ISO})
        || '","reviewedBy":' || coalesce(v.json, 'null')
        || ',"reviewedAt":' || coalesce('"' || to_char(n."reviewedAt", ${ISO}) || '"', 'null')
        || ',"reviewNote":' || ${strOrNull(`n."reviewNote"`)}
        || ',"links":[' AS head
      FROM (SELECT *, attributes::text AS attrs FROM annotations) n
      JOIN page p ON p.id = n."articleId"
      JOIN people c ON c.id = n."createdById"
      LEFT JOIN people v ON v.id = n."reviewedById"
      WHERE n."articleId" = ANY(${ids}::uuid[]) AND ${exported("n")}
    ),
    -- Links between two exported annotations of one article. Links stay stored when an end is
    -- deleted (undo restores them), and an approved-only export must not point at what it leaves
    -- out. The far end is looked up by primary key rather than in ann: the planner cannot estimate
    -- ann's size, and joining two scans of it on the article id multiplies them.
    link AS (
      SELECT l."fromId", l."toId", l.type, l."createdAt", l.id, f."articleId", f.kind AS "fromKind", t.kind AS "toKind"
        FROM ann f
        JOIN annotation_links l ON l."fromId" = f.id
        JOIN annotations t ON t.id = l."toId"
       WHERE t."articleId" = f."articleId" AND ${exported("t")}
    ),
    links AS (
      SELECT "fromId", string_agg('{"type":"' || type || '","targetId":"' || "toId" || '"}', ',' ORDER BY "createdAt", id) AS json
        FROM link GROUP BY "fromId"
    ),
    -- Claims some exported attribution attributes; the rest are unattributed (the definition is
    -- unattributedClaimIds in lib/export/unattributed-claims.ts, counted by summaryCounts).
    attributed AS (
      SELECT "articleId", count(DISTINCT "toId") AS claims
        FROM link WHERE type = 'attributes' AND "fromKind" = 'attribution' AND "toKind" = 'claim'
       GROUP BY "articleId"
    ),
    items AS (
      SELECT n."articleId",
        -- Document order; those without a place in this revision's text after the rest.
        string_agg(n.head || coalesce(k.json, '') || ']}', ',' ORDER BY NOT n.placed, n.start, n."end" DESC, n.id) AS json,
        ${SUMMARY_COLUMNS}
      FROM ann n LEFT JOIN links k ON k."fromId" = n.id
      GROUP BY n."articleId"
    )
    SELECT
      '{"format":"newsmark.article","version":1,"exportedAt":' || ${str(`${exportedAt}::text`)}
      || ',"article":{"id":"' || p.id || '","title":' || ${str("p.title")} || ',"byline":' || ${strOrNull("p.byline")} || ',"sourceUrl":' || ${strOrNull(`p."sourceUrl"`)}
      || '},"revision":{"id":"' || r.id || '","number":' || r.number || ',"createdAt":"' || to_char(r."createdAt", ${ISO})
      || '"},"text":' || ${str("r.text")} || ',"offsets":"unicode-code-points","doc":' || ${compactJsonb("r.doc::text")}
      || ',"annotations":[' || coalesce(i.json, '')
      || '],"summary":{' || ${SUMMARY_JSON} || ',"unattributedClaims":' || (coalesce(i.claim, 0) - coalesce(t.claims, 0)) || '}}' AS line
    FROM page p
    JOIN revisions r ON r.id = p."currentRevisionId"
    LEFT JOIN items i ON i."articleId" = p.id
    LEFT JOIN attributed t ON t."articleId" = p.id
    ORDER BY p.ord`;
}

