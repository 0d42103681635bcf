import type { NextRequest } from "next/server";
import { env } from "../env";

/** An absolute URL of the app for a path, to hand to someone outside it (a set-up link, say). */
export function publicUrl(req: NextRequest, path: string): string {
  // The configured public address first: behind a proxy the request's own origin is an internal one.
  return new URL(path, env().NEXTAUTH_URL ?? req.nextUrl.origin).toString();
}
