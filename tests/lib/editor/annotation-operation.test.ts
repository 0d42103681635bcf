import { describe, expect, it } from "vitest";
import { plannedOperation } from "@/components/editor/annotation-operation";
import type { AnnotationDetails } from "@/components/editor/annotation-types";
import { claim, doc, p } from "./annotations/fixtures";

const author = { id: "u1", name: "Eddie Editor" };
// "Putin had agreed" is at ProseMirror positions 1 to 17 of the first paragraph.
const article = doc(p("Putin had agreed to guarantees."));

describe("plannedOperation", () => {
  it("a new tag is created on the server and shown, unsaved, with its quote", () => {
    const planned = plannedOperation({ type: "add", annotation: claim("a1", 1, 17) }, article, undefined, author);
    expect(planned?.operation).toEqual({ type: "create", id: "a1", body: { kind: "claim", from: 1, to: 17 } });
    expect(planned?.details).toMatchObject({ id: "a1", kind: "claim", status: "pending", saved: false, note: "", createdBy: author });
    expect(planned?.details?.quote.exact).toBe("Putin had agreed");
  });

  it("a tag brought back by undo keeps the note and attributes it had", () => {
    const known = { id: "a1", kind: "claim", note: "Check it", attributes: { checkable: true }, links: [], createdBy: author, reviewNote: null } as unknown as AnnotationDetails;
    const planned = plannedOperation({ type: "add", annotation: claim("a1", 1, 17) }, article, known, author);
    expect(planned?.operation).toMatchObject({ body: { note: "Check it", attributes: { checkable: true } } });
    expect(planned?.details).toMatchObject({ note: "Check it", status: "pending", saved: false });
  });

  it("removing deletes, a kind change updates, and selecting sends nothing", () => {
    expect(plannedOperation({ type: "remove", id: "a1" }, article, undefined, author)).toEqual({ operation: { type: "delete", id: "a1" } });
    expect(plannedOperation({ type: "update", id: "a1", patch: { kind: "hedge" } }, article, undefined, author)).toEqual({
      operation: { type: "update", id: "a1", patch: { kind: "hedge" } },
      patch: { kind: "hedge", saved: false },
    });
    expect(plannedOperation({ type: "select", id: "a1" }, article, undefined, author)).toBeNull();
  });

  it("a link and an unlink reach the server as the link operations, and change only the links shown", () => {
    const link = { type: "attributes", targetId: "c1" } as const;
    const shown = { id: "a1", kind: "attribution", links: [], saved: true } as unknown as AnnotationDetails;
    const linked = plannedOperation({ type: "link", id: "a1", link }, article, shown, author)!;
    expect(linked.operation).toEqual({ type: "link", id: "a1", body: link });
    const after = typeof linked.patch === "function" ? linked.patch(shown) : null;
    expect(after).toEqual({ ...shown, links: [link], saved: false });
    const unlinked = plannedOperation({ type: "unlink", id: "a1", link }, article, after!, author)!;
    expect(unlinked.operation).toEqual({ type: "unlink", id: "a1", body: link });
    expect(typeof unlinked.patch === "function" ? unlinked.patch(after!) : null).toEqual({ ...after, links: [] });
  });
});
