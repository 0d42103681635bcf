import { describe, expect, it } from "vitest";
import { readSsoIdentity } from "@/lib/auth/sso-identity";

const verified = { sub: "abc", email: "Kim@Newsroom.Example", email_verified: true };

describe("readSsoIdentity", () => {
  it("matches by the verified email, lowercased, with no say on the role when no role claim is configured", () => {
    expect(readSsoIdentity({ ...verified, newsmark_role: "admin" }, undefined)).toEqual({
      identity: { email: "kim@newsroom.example", role: null },
    });
  });

  it('accepts email_verified sent as the string "true"', () => {
    expect(readSsoIdentity({ ...verified, email_verified: "true" }, undefined)).toHaveProperty("identity");
  });

  it("refuses an identity without a usable email", () => {
    expect(readSsoIdentity({ sub: "abc", email_verified: true }, undefined)).toEqual({ refused: "NoEmail" });
    expect(readSsoIdentity({ sub: "abc", email: "not an email", email_verified: true }, undefined)).toEqual({ refused: "NoEmail" });
  });

  it.each([
    ["false", false],
    ['"false"', "false"],
    ["absent", undefined],
  ])("refuses an email whose email_verified is %s", (_, value) => {
    expect(readSsoIdentity({ ...verified, email_verified: value }, undefined)).toEqual({ refused: "EmailNotVerified" });
  });

  it("reads the configured role claim", () => {
    expect(readSsoIdentity({ ...verified, newsmark_role: "reviewer" }, "newsmark_role")).toEqual({
      identity: { email: "kim@newsroom.example", role: "reviewer" },
    });
    expect(readSsoIdentity({ ...verified, "https://newsmark.example/roles": ["staff", "admin"] }, "https://newsmark.example/roles")).toEqual({
      identity: { email: "kim@newsroom.example", role: "admin" },
    });
  });

  it("keeps the role when the configured claim is absent", () => {
    expect(readSsoIdentity(verified, "newsmark_role")).toEqual({ identity: { email: "kim@newsroom.example", role: null } });
  });

  it("refuses an invalid role value, naming the claim for the log", () => {
    const result = readSsoIdentity({ ...verified, newsmark_role: "superuser" }, "newsmark_role");
    expect(result).toEqual({ refused: "InvalidRoleClaim", detail: "newsmark_role: superuser" });
  });
});
