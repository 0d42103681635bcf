/** A server-sent event stream as the answer to a request, with the headers that keep it flowing. */
export function eventStreamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: a compressing proxy (or Next's own gzip) would hold events back to fill a block.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
