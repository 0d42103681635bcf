import { createdTokenSchema, createTokenRequest, listTokensQuery, tokenListResponse } from "../tokens";
import { json, named, noContent, type Operation } from "./operation";

/** Personal access tokens, with which scripts call the API. */
export const TOKEN_OPERATIONS: Operation[] = [
  {
    id: "listTokens",
    method: "get",
    path: "/api/tokens",
    tag: "tokens",
    summary: "Your personal access tokens; `?all=true` (admins) everyone's",
    access: "signed-in",
    query: named("ListTokensQuery", listTokensQuery),
    responses: { 200: json("The tokens, never their secrets", named("TokenList", tokenListResponse)) },
  },
  {
    id: "createToken",
    method: "post",
    path: "/api/tokens",
    tag: "tokens",
    summary: "Issue a personal access token for yourself",
    description: "The token is in the answer this once only; only its hash is stored.",
    access: "signed-in",
    body: named("CreateTokenRequest", createTokenRequest),
    responses: { 201: json("The new token", named("CreatedToken", createdTokenSchema)) },
    errors: ["conflict"],
  },
  {
    id: "revokeToken",
    method: "delete",
    path: "/api/tokens/{id}",
    tag: "tokens",
    summary: "Revoke a token (its owner, or an admin); its next request gets 401",
    access: "signed-in",
    responses: { 204: noContent("Revoked") },
  },
];
