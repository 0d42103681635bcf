import { describe, expect, it } from "vitest";
import type { AnnotationDetails } from "@/components/editor/annotation-types";
import { withDetails, withPatch, withSavedAnnotations } from "@/components/editor/details-map";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";

const author = { id: "u1", name: "Eddie Editor" };

function details(id: string, fields: Partial<AnnotationDetails> = {}): AnnotationDetails {
  return { id, kind: "claim", status: "pending", note: "", attributes: {}, createdBy: author, quote: { exact: "words", prefix: "", suffix: "" }, links: [], reviewNote: null, saved: true, ...fields };
}

function serverAnnotation(id: string, fields: Partial<AnnotationJson> = {}): AnnotationJson {
  return {
    id,
    articleId: "a1",
    revisionId: "r2",
    kind: "claim",
    from: 1,
    to: 6,
    start: 0,
    end: 5,
    quote: { exact: "words", prefix: "", suffix: "" },
    note: "",
    attributes: {},
    status: "pending",
    version: 2,
    createdBy: author,
    createdAt: "2026-11-29T10:00:00.000Z",
    updatedAt: "2026-11-29T10:00:00.000Z",
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    substanceBy: author,
    substanceAt: "2026-11-29T10:00:00.000Z",
    links: [],
    ...fields,
  };
}

describe("the editor page's annotation details", () => {
  it("sets details by id in a new map, leaving the old one as it was", () => {
    const before = withDetails(new Map(), [details("x"), details("y")]);
    const after = withDetails(before, [details("y", { note: "new" }), details("z")]);
    expect([...after.keys()]).toEqual(["x", "y", "z"]);
    expect(after.get("y")?.note).toBe("new");
    expect(before.get("y")?.note).toBe("");
    expect(before.has("z")).toBe(false);
  });

  it("patches one annotation with fields or a function, and hands back the same map for an unknown id", () => {
    const map = withDetails(new Map(), [details("x", { note: "old" })]);
    expect(withPatch(map, "x", { note: "new", saved: false }).get("x")).toMatchObject({ note: "new", saved: false, kind: "claim" });
    expect(withPatch(map, "x", (d) => ({ ...d, note: `${d.note}!` })).get("x")?.note).toBe("old!");
    expect(withPatch(map, "missing", { note: "new" })).toBe(map);
    expect(map.get("x")?.note).toBe("old");
  });

  it("after a text save takes the server's annotations, but keeps edits not yet sent on screen", () => {
    const map = withDetails(new Map(), [details("sent", { note: "saved note" }), details("unsent", { note: "typed, not sent", saved: false })]);
    const moved = { exact: "other words", prefix: "", suffix: "" };
    const after = withSavedAnnotations(map, [
      serverAnnotation("sent", { note: "saved note", status: "pending", quote: moved }),
      serverAnnotation("unsent", { note: "older note", status: "orphaned", quote: moved }),
      serverAnnotation("new", { note: "from the server" }),
    ]);
    expect(after.get("sent")).toMatchObject({ quote: moved, saved: true });
    expect(after.get("unsent")).toMatchObject({ note: "typed, not sent", status: "orphaned", quote: moved, saved: false });
    expect(after.get("new")).toMatchObject({ note: "from the server", saved: true });
  });
});
