import { z } from "zod";
import { meResponse } from "../me";
import { changePasswordInput, redeemPasswordSetupInput } from "../users";
import { json, named, noContent, type Operation } from "./operation";

/** Signing in, and the caller's own account: who they are and their password. */
export const ACCOUNT_OPERATIONS: Operation[] = [
  {
    id: "nextAuthGet",
    method: "get",
    path: "/api/auth/{nextauth}",
    tag: "sign-in",
    summary: "next-auth's own endpoints: session, CSRF token, providers, sign-in callbacks",
    description: "Used by the sign-in page; scripts authenticate with a personal access token instead.",
    access: "public",
    responses: { 200: json("next-auth's answer", named("NextAuthAnswer", z.unknown())), 302: noContent("A redirect in the sign-in flow") },
  },
  {
    id: "nextAuthPost",
    method: "post",
    path: "/api/auth/{nextauth}",
    tag: "sign-in",
    summary: "next-auth's sign-in and sign-out forms",
    description: "Form posts from the sign-in page. Too many failed sign-ins for one email answer 429 with `Retry-After`.",
    access: "public",
    responses: { 200: json("next-auth's answer", named("NextAuthAnswer", z.unknown())), 302: noContent("A redirect in the sign-in flow") },
    errors: ["validation_failed", "rate_limited"],
  },
  {
    id: "getMe",
    method: "get",
    path: "/api/me",
    tag: "me",
    summary: "Who the caller is",
    access: "signed-in",
    responses: { 200: json("The signed-in user", named("Me", meResponse)) },
  },
  {
    id: "changeMyPassword",
    method: "post",
    path: "/api/me/password",
    tag: "me",
    summary: "Change your own password",
    description: "400 when the current password is wrong; 409 for an account without a password (single sign-on).",
    access: "signed-in",
    body: named("ChangePasswordRequest", changePasswordInput),
    responses: { 204: noContent("Changed") },
    errors: ["conflict", "rate_limited"],
  },
  {
    id: "redeemPasswordSetup",
    method: "post",
    path: "/api/password-setup",
    tag: "users",
    summary: "Set a password with a one-time set-up link (signed out)",
    description: "404 for an unknown link, 409 for one used or expired.",
    access: "public",
    body: named("RedeemPasswordSetupRequest", redeemPasswordSetupInput),
    responses: { 204: noContent("The password is set; the link is used up") },
    errors: ["not_found", "conflict", "forbidden"],
  },
];
