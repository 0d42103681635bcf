import { withAuth } from "@/lib/api/with-auth";
import { getDatabase } from "@/lib/server/database/app-database";
import { describeForLog } from "@/lib/security/redact-secrets";
import { articleJsonLineChunks } from "@/lib/server/export/stream-articles-jsonl";

// Reads the database on every request; never prerendered or cached.
export const dynamic = "force-dynamic";

/** The bulk export, `?format=jsonl&status=all|approved&since=ISO&ids=…`: one Newsmark JSON article per line, streamed. */
export const GET = withAuth(async ({ req, actor }) => {
  // Validates now, so a bad query is a 400 rather than a stream that breaks off.
  const params = req.nextUrl.searchParams;
  // Checkboxes send one `ids` per selected article; the query takes them comma-separated.
  const query = { ...Object.fromEntries(params), ...(params.has("ids") ? { ids: params.getAll("ids").join(",") } : {}) };
  // The database as opened, with its connection pool when it is a server: the lines come by COPY.
  const chunks = articleJsonLineChunks(await getDatabase(), actor, query);
  const body = new ReadableStream<Uint8Array>(
    {
      // Pull-based: the next chunk (and, at a batch boundary, the next query) is produced only when
      // the client has taken the previous one, so a slow reader holds back the database, not memory.
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (err) {
          // Headers are gone by now; breaking the stream is the only way to tell the client it is incomplete.
          console.error(`Bulk export failed mid-stream: ${describeForLog(err)}`);
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="newsmark-export-${stamp}.jsonl"`,
      "cache-control": "no-store",
    },
  });
});
