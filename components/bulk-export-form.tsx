/**
 * "Export all as JSON Lines": a plain GET form, so the browser downloads the streamed file itself
 * (with the session cookie) and no script has to hold the export in memory.
 */
export function BulkExportForm() {
  return (
    <form id="bulk-export" className="filters" action="/api/export" method="get" aria-label="Export articles">
      <input type="hidden" name="format" value="jsonl" />
      <label htmlFor="bulk-export-status" className="muted small">
        Annotations
      </label>
      <select id="bulk-export-status" name="status" defaultValue="all">
        <option value="all">All</option>
        <option value="approved">Approved only</option>
      </select>
      <button type="submit" className="button-secondary">
        Export as JSON Lines
      </button>
      <span className="muted small">(the ticked articles, or all when none is ticked)</span>
    </form>
  );
}
