import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env";
import { contentSecurityPolicy, newNonce } from "./lib/security/content-security-policy";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/** Pages a signed-out visitor may see: signing in, and setting a password with a one-time link. */
function isSignedOutPage(pathname: string): boolean {
  return pathname === "/signin" || pathname.startsWith("/set-password/");
}

/** Signed-out visitors may see only the signed-out pages. */
function redirectToSignIn(req: NextRequest): NextResponse {
  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  const back = req.nextUrl.pathname + req.nextUrl.search;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(url);
}

/**
 * Every page response gets a Content-Security-Policy with a fresh nonce; Next.js reads the policy
 * from the request headers while rendering and puts the nonce on its scripts. Signed-out page
 * visits go to the sign-in page: only a convenience, since pages and the API check the session
 * (and the user row) themselves, so nothing depends on this for security.
 */
export function proxy(req: NextRequest) {
  const signedIn = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (!signedIn && !isSignedOutPage(req.nextUrl.pathname)) return redirectToSignIn(req);

  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: env().NODE_ENV === "development",
    https: req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https",
  });
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", policy);
  return res;
}

export const config = {
  // Every page, the sign-in page included; not the API (JSON only, its own headers) or static files.
  // The API reference is a page under /api/, so it is named: it needs the page policy and its nonce.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)", "/api/docs"],
};
