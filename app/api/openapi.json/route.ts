import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/contracts/openapi";

/** The API's OpenAPI 3.1 reference, generated from the contracts; public, like the API's shape itself. */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
