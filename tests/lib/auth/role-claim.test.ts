import { describe, expect, it } from "vitest";
import { readRoleClaim } from "@/lib/auth/role-claim";

describe("readRoleClaim", () => {
  it("leaves the role alone when the claim is absent", () => {
    expect(readRoleClaim(undefined)).toEqual({ role: null });
    expect(readRoleClaim(null)).toEqual({ role: null });
  });

  it.each([
    ["editor", "editor"],
    ["reviewer", "reviewer"],
    ["admin", "admin"],
    [" Reviewer ", "reviewer"],
    ["ADMIN", "admin"],
  ] as const)("reads the string %j as %s", (value, role) => {
    expect(readRoleClaim(value)).toEqual({ role });
  });

  it("takes the strongest role named in a list, ignoring values that are not roles", () => {
    expect(readRoleClaim(["offline_access", "editor"])).toEqual({ role: "editor" });
    expect(readRoleClaim(["editor", "admin", "reviewer"])).toEqual({ role: "admin" });
    expect(readRoleClaim(["Reviewer", "staff"])).toEqual({ role: "reviewer" });
  });

  it.each([
    ["an unknown role", "superuser"],
    ["an empty string", ""],
    ["a list naming no role", ["staff", "offline_access"]],
    ["an empty list", []],
    ["a number", 3],
    ["a boolean", true],
    ["an object", { role: "admin" }],
    ["a list with a non-string", ["admin", 1]],
  ])("calls %s invalid", (_, value) => {
    expect(readRoleClaim(value)).toHaveProperty("invalid");
  });
});
