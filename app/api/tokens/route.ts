import { readJson } from "@/lib/api/read-json";
import { withAuth } from "@/lib/api/with-auth";
import { createdTokenSchema, createTokenRequest, tokenListResponse } from "@/lib/contracts/tokens";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";
import { contractJson } from "@/lib/api/contract-json";

/** The caller's tokens; `?all=true` (admins) everyone's, each with its user. */
export const GET = withAuth(async ({ req, db, actor }) =>
  contractJson(tokenListResponse, { items: await listTokens(db, actor, Object.fromEntries(req.nextUrl.searchParams)) }),
);

/** Issues a token for the caller: `{name, expiresInDays?}` -> 201 `{id, name, token, expiresAt}`, the token shown once. */
export const POST = withAuth(async ({ req, db, actor }) => {
  const request = createTokenRequest.parse(await readJson(req));
  const created = await createToken(db, actor, { ...request, email: actor.email });
  return contractJson(createdTokenSchema, created, { status: 201, headers: { "cache-control": "no-store" } });
});
