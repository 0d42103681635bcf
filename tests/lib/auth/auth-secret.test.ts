import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authSecretProblem, weakSecretReason } from "@/lib/auth/auth-secret";

const PG = "postgresql://newsmark@db:5432/newsmark";
const strong = () => randomBytes(32).toString("base64");

describe("authSecretProblem", () => {
  it("refuses production on PostgreSQL without a secret, naming the variable and the fix", () => {
    const problem = authSecretProblem({ NODE_ENV: "production", DATABASE_URL: PG, NEXTAUTH_SECRET: undefined });
    expect(problem).toMatch(/NEXTAUTH_SECRET/);
    expect(problem).toMatch(/openssl rand/);
  });

  it.each([
    ["short", "abcdefghij0123456789"],
    ["one character repeated", "a".repeat(64)],
    ["a short alphabet repeated", "abab0101".repeat(8)],
    ["an example left in place", "this-is-my-nextauth-secret-for-production-use"],
    ["the README's command pasted unexpanded", '$(openssl rand -base64 32) and some padding'],
  ])("refuses a weak secret in production on PostgreSQL: %s", (_, secret) => {
    const problem = authSecretProblem({ NODE_ENV: "production", DATABASE_URL: PG, NEXTAUTH_SECRET: secret });
    expect(problem).toMatch(/too weak/);
    // The message goes to the log: it must not carry the secret.
    expect(problem).not.toContain(secret);
  });

  it("accepts a generated key in production on PostgreSQL", () => {
    for (let i = 0; i < 20; i++) expect(weakSecretReason(strong())).toBeNull();
    expect(authSecretProblem({ NODE_ENV: "production", DATABASE_URL: PG, NEXTAUTH_SECRET: strong() })).toBeNull();
  });

  it("leaves development and the embedded database alone (a key is generated there)", () => {
    expect(authSecretProblem({ NODE_ENV: "development", DATABASE_URL: PG, NEXTAUTH_SECRET: undefined })).toBeNull();
    expect(authSecretProblem({ NODE_ENV: "production", DATABASE_URL: undefined, NEXTAUTH_SECRET: undefined })).toBeNull();
  });
});
