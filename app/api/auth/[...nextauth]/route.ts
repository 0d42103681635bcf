import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { errorResponse, toErrorResponse } from "@/lib/api/error-response";
import { authOptions } from "@/lib/auth/auth-options";
import { getDatabase } from "@/lib/server/database/app-database";
import { loginRetryAfter } from "@/lib/server/auth/login-throttle";
import { throttledError } from "@/lib/server/auth/verify-credentials";

type Context = { params: Promise<{ nextauth: string[] }> };

const handle = (req: NextRequest, context: Context) => NextAuth(req, context, authOptions());

export const GET = handle;

/** Sign-in throttling answers 429 here, before next-auth, so scripts see a real status code. */
export async function POST(req: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    let email: string;
    try {
      const form = await req.clone().formData();
      email = String(form.get("email") ?? "").trim().toLowerCase();
    } catch {
      return errorResponse("validation_failed", "Send the sign-in form as application/x-www-form-urlencoded");
    }
    if (email) {
      try {
        const { prisma } = await getDatabase();
        const retryAfter = await loginRetryAfter(prisma, email);
        if (retryAfter > 0) return toErrorResponse(throttledError(retryAfter));
      } catch (err) {
        // A database that cannot be reached is a 503, not a malformed form.
        return toErrorResponse(err, req);
      }
    }
  }
  return handle(req, context);
}
