import http from "node:http";
import { performance } from "node:perf_hooks";
import type { ArticleEvent } from "@/lib/contracts/collab";

/** One open `GET /api/articles/:id/events` stream, read with Node's http (as a non-browser client would). */
export interface EventStreamClient {
  /** Resolves once the server has answered 200 and sent its first bytes (the `: connected` comment). */
  opened: Promise<void>;
  /** Closes the connection (the server sees the client go). */
  close(): void;
}

/**
 * Opens an article's event stream with a bearer token and hands on each event (the `data` of an SSE
 * message without an `event:` name) with the time its bytes arrived. Each stream has a socket of
 * its own, as separate viewers would.
 */
export function openEventStream(
  base: string,
  articleId: string,
  token: string,
  after: number,
  onEvent: (event: ArticleEvent, receivedAt: number) => void,
  onClosed?: (reason: string) => void,
): EventStreamClient {
  let request: http.ClientRequest | undefined;
  let closed = false;
  const opened = new Promise<void>((resolve, reject) => {
    request = http.get(
      `${base}/api/articles/${articleId}/events?after=${after}`,
      { agent: false, headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } },
      (res) => {
        if (res.statusCode !== 200) {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => reject(new Error(`event stream answered ${res.statusCode}: ${body.slice(0, 200)}`)));
          return;
        }
        res.setEncoding("utf8");
        let buffer = "";
        let first = true;
        res.on("data", (chunk: string) => {
          const receivedAt = performance.now();
          if (first) {
            first = false;
            resolve();
          }
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = "message";
            const data: string[] = [];
            for (const line of message.split("\n")) {
              if (line.startsWith("event:")) name = line.slice(6).trim();
              else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
            }
            if (name !== "message" || data.length === 0) continue;
            onEvent(JSON.parse(data.join("\n")) as ArticleEvent, receivedAt);
          }
        });
        res.on("close", () => {
          if (!closed) onClosed?.("the server closed the stream");
        });
      },
    );
    request.on("error", (err) => {
      if (!closed) {
        reject(err);
        onClosed?.(err.message);
      }
    });
  });
  // A stream that never opened is reported through `opened`; an unhandled rejection would end the run.
  opened.catch(() => undefined);
  return {
    opened,
    close() {
      closed = true;
      request?.destroy();
    },
  };
}
