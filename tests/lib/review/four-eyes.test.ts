import { describe, expect, it } from "vitest";
import { fourEyesConflict, fourEyesHint, FOUR_EYES_HINTS } from "@/lib/review/four-eyes";

const CREATED = "2026-12-01T09:00:00.000Z";
const CHANGED = "2026-12-01T10:00:00.000Z";
const author = { id: "author" };
const reviewer = { id: "reviewer" };

describe("the four-eyes rule", () => {
  it("keeps the creator from reviewing, whoever changed the annotation since", () => {
    expect(fourEyesConflict("author", { createdBy: author, substanceBy: author, substanceAt: CREATED, reviewedAt: null })).toBe("own");
    expect(fourEyesConflict("author", { createdBy: author, substanceBy: reviewer, substanceAt: CHANGED, reviewedAt: "2026-12-01T11:00:00.000Z" })).toBe("own");
  });

  it("keeps whoever changed the substance from reviewing until someone has reviewed it since", () => {
    expect(fourEyesConflict("reviewer", { createdBy: author, substanceBy: reviewer, substanceAt: CHANGED, reviewedAt: null })).toBe("changed");
    expect(fourEyesConflict("reviewer", { createdBy: author, substanceBy: reviewer, substanceAt: CHANGED, reviewedAt: "2026-12-01T09:30:00.000Z" })).toBe("changed");
    expect(fourEyesConflict("reviewer", { createdBy: author, substanceBy: reviewer, substanceAt: CHANGED, reviewedAt: "2026-12-01T10:30:00.000Z" })).toBeNull();
  });

  it("lets anyone else review, and reads a missing decider as the creator", () => {
    expect(fourEyesConflict("other", { createdBy: author, substanceBy: reviewer, substanceAt: CHANGED, reviewedAt: null })).toBeNull();
    expect(fourEyesConflict("reviewer", { createdBy: author })).toBeNull();
    expect(fourEyesConflict("author", { createdBy: author })).toBe("own");
  });

  it("gives the queue's hint for each refusal", () => {
    expect(fourEyesHint("reviewer", { createdBy: author, substanceBy: reviewer, substanceAt: CHANGED, reviewedAt: null })).toBe(FOUR_EYES_HINTS.changed);
    expect(FOUR_EYES_HINTS.changed).toBe("Changed by you: another reviewer decides.");
    expect(fourEyesHint("other", { createdBy: author })).toBeUndefined();
  });
});
