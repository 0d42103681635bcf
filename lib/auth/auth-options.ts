import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "../db/database";
import { env, oidcConfig } from "../env";
import type { Role } from "../server/actor";
import { verifyCredentials } from "../server/auth/verify-credentials";
import { describeForLog } from "../security/redact-secrets";
import { authSecret } from "./auth-secret";

function oidcProvider() {
  const oidc = oidcConfig();
  if (!oidc) return [];
  return [
    {
      id: "oidc",
      name: oidc.name,
      type: "oauth" as const,
      wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce" as const, "state" as const],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? profile.email ?? null };
      },
    },
  ];
}

/** next-auth configuration: credentials, optional OIDC, JWT sessions carrying the user id and role. */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    // Session cookies are HttpOnly and SameSite=Lax (next-auth's defaults) and, in production,
    // Secure. Browsers treat http://localhost as a secure origin, so a local production run works.
    useSecureCookies: env().NODE_ENV === "production",
    // next-auth's default logger prints whole error objects and request metadata, which can hold
    // session tokens or credentials: log the code and a redacted message only.
    logger: {
      error: (code, metadata) => console.error(`next-auth error ${code}: ${describeForLog(metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error ?? "")}`),
      warn: (code) => console.warn(`next-auth warning ${code}`),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const { prisma } = await getDatabase();
          const result = await verifyCredentials(prisma, credentials);
          if ("actor" in result) return { id: result.actor.id, email: result.actor.email, name: result.actor.name, role: result.actor.role };
          if (result.refused === "disabled") throw new Error("AccountDisabled");
          if (result.refused === "throttled") throw new Error("TooManyAttempts");
          return null;
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      // Single sign-on admits only people who already have an account, matched by email.
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const { prisma } = await getDatabase();
        const email = user.email?.toLowerCase();
        const existing = email ? await prisma.user.findUnique({ where: { email } }) : null;
        if (!existing) return "/signin?error=NoAccount";
        if (existing.disabled) return "/signin?error=AccountDisabled";
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const { prisma } = await getDatabase();
          const row = await prisma.user.findUnique({ where: { email: (user.email ?? "").toLowerCase() } });
          if (row) {
            token.uid = row.id;
            token.role = row.role;
            token.name = row.name;
            token.email = row.email;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid as string, role: token.role as Role } };
      },
    },
  };
}
