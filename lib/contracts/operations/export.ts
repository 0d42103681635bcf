import { bulkExportQuery, jsonLinesSchema } from "../export";
import { named, type Operation } from "./operation";

/** Every article at once, for archives and other systems; one article's download is among the article's operations. */
export const EXPORT_OPERATIONS: Operation[] = [
  {
    id: "exportAll",
    method: "get",
    path: "/api/export",
    tag: "export",
    summary: "Every article as streamed JSON Lines, one Newsmark JSON article a line",
    access: "signed-in",
    query: named("BulkExportQuery", bulkExportQuery),
    responses: { 200: { description: "The articles, one a line", body: named("JsonLines", jsonLinesSchema), contentType: "application/x-ndjson" } },
  },
];
