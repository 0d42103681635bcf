/** Only same-site paths may be returned to after sign-in (no open redirect to another host). */
export function safeCallbackUrl(raw: string | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || raw.startsWith("/signin")) return "/";
  return raw;
}
