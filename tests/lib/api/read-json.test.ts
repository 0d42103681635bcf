import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { readJson } from "@/lib/api/read-json";
import { AppError } from "@/lib/server/errors";

/** A request whose body stream fails after its first bytes, as a client resetting its connection mid-body does. */
function cutOffRequest(): NextRequest {
  const reset = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"version": 3, "steps": ['));
        return;
      }
      controller.error(reset);
    },
  });
  return new NextRequest("http://localhost/api/articles/a/steps", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("readJson", () => {
  it("answers a body the client cut off with a 400 of its own, not as the database's connection error", async () => {
    const error = await readJson(cutOffRequest()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_failed");
    expect((error as AppError).message).toBe("The request body was cut off before it ended; nothing was changed");
  });
});
