import { describe, expect, it } from "vitest";
import { describeSyncProblem } from "@/components/editor/describe-sync-problem";
import { REVISION_OPERATION_ID, type SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { SyncProblem } from "@/lib/editor/sync/sync-queue";

const problem = (operation: SyncOperation, code: string, message: string): SyncProblem => ({ operation, status: code === "conflict" ? 409 : 400, code, message });
const id = "00000000-0000-4000-8000-000000000001";

describe("describeSyncProblem", () => {
  it("says someone else changed an annotation when an edit meets a conflict", () => {
    expect(describeSyncProblem(problem({ type: "update", id, patch: { kind: "hedge" } }, "conflict", "Version mismatch"), "Steve Witkoff")).toBe(
      "Someone else changed this annotation on “Steve Witkoff” meanwhile, so your change was not applied. The latest version is shown.",
    );
  });

  it("gives the server's reason for a refused new tag: there is no latest version of it to show", () => {
    const words = "The selected words were deleted meanwhile (by someone else, or in a change of yours that reached the server first), so there is nothing left to tag";
    expect(describeSyncProblem(problem({ type: "create", id, body: { kind: "claim", from: 1, to: 9 } }, "conflict", words), "a 2014 coup")).toBe(`Your tag on “a 2014 coup” was not saved: ${words}`);
  });

  it("gives the server's reason for other refusals, and names a refused text save", () => {
    expect(describeSyncProblem(problem({ type: "delete", id }, "forbidden", "Only its author may delete it"), undefined)).toBe("Your change was not saved: Only its author may delete it");
    expect(describeSyncProblem(problem({ type: "revision", id: REVISION_OPERATION_ID, body: {} }, "conflict", "Already saved"), undefined)).toBe(
      "The text was not saved as a revision: Already saved",
    );
  });
});
