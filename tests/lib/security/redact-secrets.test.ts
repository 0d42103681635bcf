import { describe, expect, it } from "vitest";
import { generateToken } from "@/lib/server/tokens/token-secret";
import { hashPassword } from "@/lib/server/auth/password";
import { describeForLog, redactSecrets } from "@/lib/security/redact-secrets";

describe("redactSecrets", () => {
  it("removes tokens, session cookies, JWTs, password hashes and password fields", async () => {
    const token = generateToken();
    const jwt = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..q1w2e3r4t5y6u7i8.abcdefghijklmnopqrstuvwxyz0123.ZYXWVUT";
    const hash = await hashPassword("hunter2hunter2");
    const text = [
      `Authorization: Bearer ${token}`,
      `token=${token}`,
      `Cookie: next-auth.session-token=${jwt}; __Secure-next-auth.session-token.0=${jwt}`,
      `where: { passwordHash: "${hash}" }`,
      `{"email":"a@b.test","password":"hunter2hunter2"}`,
    ].join("\n");
    const out = redactSecrets(text);
    for (const secret of [token, jwt, hash, "hunter2hunter2", token.slice(4, 20)]) expect(out).not.toContain(secret);
    expect(out).toContain("a@b.test");
  });

  it("keeps the error's kind and stack, redacted", () => {
    const token = generateToken();
    const line = describeForLog(new TypeError(`lookup failed for ${token}`));
    expect(line).toMatch(/^TypeError: lookup failed for nmk_\[redacted\]/);
    expect(line).toContain("redact-secrets.test.ts");
    expect(line).not.toContain(token);
  });
});
