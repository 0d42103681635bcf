import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import Provider, { type ProviderContext } from "oidc-provider";

/** A person the provider knows: the claims it releases about them (email, email_verified, name, a role claim…). */
export type TestAccount = { email: string } & Record<string, unknown>;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`);
}

async function formField(req: IncomingMessage, name: string): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body).get(name) ?? "";
}

/**
 * A real OpenID Connect provider (oidc-provider, in-memory storage) on 127.0.0.1, for tests: one
 * confidential client for Newsmark, accounts the test registers, and a one-field login form
 * ("who are you?") instead of passwords, with a button that cancels. Consent is implied, as for a first-party app. Its
 * defaults are a conforming provider's: the ID token carries the subject, and the email, name
 * and role claims come from the userinfo endpoint.
 */
export class TestOidcProvider {
  readonly clientId = "newsmark";
  readonly clientSecret = randomBytes(24).toString("hex");
  private readonly accounts = new Map<string, TestAccount>();
  private server: http.Server | undefined;

  constructor(
    readonly port: number,
    private readonly redirectUri: string,
    private readonly roleClaim: string,
  ) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Registers a person with the provider; returns their subject identifier. */
  addAccount(account: TestAccount): string {
    const sub = `subject-${this.accounts.size + 1}-${randomBytes(4).toString("hex")}`;
    this.accounts.set(sub, account);
    return sub;
  }

  private subjectFor(email: string): string | undefined {
    for (const [sub, account] of this.accounts) if (account.email.toLowerCase() === email.trim().toLowerCase()) return sub;
    return undefined;
  }

  /** Starts the provider and its login form on 127.0.0.1. */
  async start(): Promise<void> {
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [this.redirectUri],
          response_types: ["code"],
          grant_types: ["authorization_code"],
        },
      ],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", this.roleClaim] },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        return account && { accountId: sub, claims: () => ({ ...account, sub }) };
      },
      // The first-party app needs no consent screen: grant the scopes it asks for.
      loadExistingGrant: async (ctx: ProviderContext) => {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
        if (grantId) return provider.Grant.find(grantId);
        const grant = new provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: [randomBytes(32).toString("hex")] },
      // Lifetimes of its own (the provider lives for one test file), which also keeps its log quiet.
      ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    });
    const callback = provider.callback();

    this.server = http.createServer((req, res) => {
      const match = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(new URL(req.url ?? "/", this.issuer).pathname);
      if (!match) return callback(req, res);
      const [, uid, action] = match;
      void (async () => {
        await provider.interactionDetails(req, res);
        if (!action) {
          return page(
            res,
            200,
            "Test identity provider",
            `<form method="post" action="/interaction/${uid}/login"><label>Email <input name="email" type="email"></label> <button type="submit">Continue</button></form>` +
              `<form method="post" action="/interaction/${uid}/cancel"><button type="submit">Cancel</button></form>`,
          );
        }
        if (action === "cancel") {
          const result = { error: "access_denied", error_description: "The person cancelled the sign-in" };
          return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
        }
        const email = await formField(req, "email");
        const sub = this.subjectFor(email);
        if (!sub) return page(res, 400, "Unknown to the test identity provider", `<p>${escape(email)}</p>`);
        await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      })().catch((err: unknown) => page(res, 500, "Test identity provider error", `<pre>${escape(String(err))}</pre>`));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.port, "127.0.0.1", resolve);
    });
  }

  /** Stops the provider, closing open connections. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
