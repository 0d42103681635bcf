import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

describe("signInErrorMessage", () => {
  it.each(["NoAccount", "AccountDisabled", "NoEmail", "EmailNotVerified", "InvalidRoleClaim", "OAuthSignin", "OAuthCallback", "Callback"])(
    "has a message of its own for %s",
    (code) => {
      const message = signInErrorMessage(code);
      expect(message).not.toBe(signInErrorMessage("SomethingUnknown"));
      expect(message).toMatch(/\.$/);
    },
  );

  it("tells an unknown SSO identity to ask an admin, and a disabled one that the account is disabled", () => {
    expect(signInErrorMessage("NoAccount")).toMatch(/No Newsmark account .* Ask an admin/);
    expect(signInErrorMessage("AccountDisabled")).toMatch(/disabled/);
  });

  it("answers the generic message for codes that are names of object properties", () => {
    for (const code of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(signInErrorMessage(code)).toBe("Sign-in failed. Try again.");
    }
  });
});
