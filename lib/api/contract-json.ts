import { NextResponse } from "next/server";
import type { z } from "zod";

/**
 * A JSON answer typed by the contract that documents it: the compiler holds the body to the
 * schema's type, and the integration tests hold the real answer to the schema itself.
 */
export function contractJson<S extends z.ZodType>(_schema: S, body: z.output<S>, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}
