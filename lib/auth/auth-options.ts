import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "../server/database/app-database";
import { env, oidcConfig } from "../env";
import type { Role } from "../server/actor";
import { admitSsoUser } from "../server/auth/admit-sso-user";
import { verifyCredentials } from "../server/auth/verify-credentials";
import { findUserByEmail } from "../server/users/find-user-by-email";
import { describeForLog } from "../security/redact-secrets";
import { authSecret } from "./auth-secret";
import { OIDC_PROVIDER_ID, oidcProvider } from "./oidc-provider";
import { readSsoIdentity } from "./sso-identity";

/** next-auth configuration: credentials, optional OIDC, JWT sessions carrying the user id and role. */
export function authOptions(): NextAuthOptions {
  const oidc = oidcConfig();
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
      ...(oidc ? [oidcProvider(oidc)] : []),
    ],
    callbacks: {
      // Single sign-on admits only people who already have an enabled account, matched by the
      // email the provider verified; a refusal goes back to the sign-in page with its reason.
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const read = readSsoIdentity((profile ?? {}) as Record<string, unknown>, oidc?.roleClaim);
        if ("refused" in read) {
          console.warn(`Single sign-on refused: ${read.refused}${read.detail ? ` (${read.detail})` : ""}`);
          return `/signin?error=${read.refused}`;
        }
        const { prisma } = await getDatabase();
        const admitted = await admitSsoUser(prisma, read.identity);
        return "refused" in admitted ? `/signin?error=${admitted.refused}` : true;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const { prisma } = await getDatabase();
          const row = await findUserByEmail(prisma, user.email ?? "");
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
