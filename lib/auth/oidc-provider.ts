import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { OidcConfig } from "../env";

/** The provider id: it names the callback path, `/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

/** The scopes asked for: the email to match an account by, and the name to show. */
export const OIDC_SCOPES = "openid email profile";

type Claims = Profile & Record<string, unknown>;

/** next-auth's provider for a standard OpenID Connect issuer, found by discovery. */
export function oidcProvider(oidc: OidcConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: "oauth",
    wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: OIDC_SCOPES } },
    idToken: true,
    // The nonce binds the ID token to this browser's sign-in, as PKCE and state bind the code.
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      // A conforming provider may put the email and custom claims (the role claim) in the
      // userinfo answer only, not in the ID token; read both. openid-client refuses a userinfo
      // answer about another subject than the ID token's. The signed ID token wins on conflicts.
      async request({ tokens, client }) {
        // next-auth types the tokens as plain parameters; after an OpenID callback they are
        // openid-client's TokenSet, which reads the validated ID token's claims.
        const tokenSet = tokens as unknown as TokenSet;
        const fromIdToken = tokenSet.claims() as Claims;
        if (!tokenSet.access_token || !client.issuer.metadata.userinfo_endpoint) return fromIdToken;
        const fromUserinfo = (await client.userinfo(tokenSet)) as Claims;
        return { ...fromUserinfo, ...fromIdToken };
      },
    },
    profile(claims) {
      const email = typeof claims.email === "string" ? claims.email.toLowerCase() : null;
      const name = typeof claims.name === "string" && claims.name ? claims.name : email;
      return { id: String(claims.sub), email, name };
    },
  };
}
