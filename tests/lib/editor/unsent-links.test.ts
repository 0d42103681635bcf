import { describe, expect, it } from "vitest";
import type { AnnotationDetails } from "@/components/editor/annotation-types";
import { withUnsentLinks } from "@/components/editor/unsent-links";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";

const details = (id: string, links: AnnotationDetails["links"] = []): AnnotationDetails => ({
  id,
  kind: "attribution",
  status: "pending",
  note: "",
  attributes: {},
  links,
  createdBy: { id: "u1", name: "Eddie" },
  quote: { exact: id, prefix: "", suffix: "" },
  reviewNote: null,
  saved: true,
});
const toC1 = { type: "attributes", targetId: "c1" } as const;
const toC2 = { type: "attributes", targetId: "c2" } as const;

describe("withUnsentLinks", () => {
  it("lays unsent links and unlinks over the server's details, in order", () => {
    // The server answered the link to c1 while its removal was still waiting: the answer lists the link.
    const server = new Map([["a1", details("a1", [toC1])]]);
    const unsent: SyncOperation[] = [
      { type: "unlink", id: "a1", body: toC1 },
      { type: "link", id: "a1", body: toC2 },
      { type: "update", id: "a1", patch: { note: "x" } },
    ];
    expect(withUnsentLinks(server, unsent).get("a1")!.links).toEqual([toC2]);
    // Unlink then link again (an undo) leaves the link.
    expect(withUnsentLinks(server, [{ type: "unlink", id: "a1", body: toC1 }, { type: "link", id: "a1", body: toC1 }]).get("a1")!.links).toEqual([toC1]);
  });

  it("hands back the same map when nothing changes: no link operation, one already applied, an unknown annotation", () => {
    const server = new Map([["a1", details("a1", [toC1])]]);
    expect(withUnsentLinks(server, [])).toBe(server);
    expect(withUnsentLinks(server, [{ type: "link", id: "a1", body: toC1 }])).toBe(server);
    expect(withUnsentLinks(server, [{ type: "unlink", id: "zz", body: toC1 }])).toBe(server);
  });
});
