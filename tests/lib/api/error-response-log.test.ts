import { afterEach, describe, expect, it, vi } from "vitest";
import { toErrorResponse } from "@/lib/api/error-response";
import { generateToken } from "@/lib/server/tokens/token-secret";

describe("toErrorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs an unexpected error without the secrets it quotes, and tells the client nothing of it", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const token = generateToken();
    const res = toErrorResponse(new Error(`Invalid invocation: { where: { token: "${token}" }, password: "hunter2hunter2" }`));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("Invalid invocation");
    expect(logged.join("\n")).toContain("Invalid invocation");
    expect(logged.join("\n")).not.toContain(token);
    expect(logged.join("\n")).not.toContain("hunter2hunter2");
  });
});
