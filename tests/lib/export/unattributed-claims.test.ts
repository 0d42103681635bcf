import { describe, expect, it } from "vitest";
import { unattributedClaimIds, type LinkedAnnotation } from "@/lib/export/unattributed-claims";

const claim = (id: string): LinkedAnnotation => ({ id, kind: "claim", links: [] });
const attribution = (id: string, ...targets: string[]): LinkedAnnotation => ({
  id,
  kind: "attribution",
  links: targets.map((targetId) => ({ type: "attributes", targetId })),
});

describe("unattributedClaimIds", () => {
  it("is every claim no attribution among the annotations attributes", () => {
    const list = [claim("c1"), claim("c2"), claim("c3"), attribution("a1", "c1"), attribution("a2", "c1", "c3")];
    expect(unattributedClaimIds(list)).toEqual(new Set(["c2"]));
  });

  it("a hedge's link does not attribute, nor does an attribution that is not passed in (deleted or filtered out)", () => {
    const hedge: LinkedAnnotation = { id: "h1", kind: "hedge", links: [{ type: "qualifies", targetId: "c1" }] };
    expect(unattributedClaimIds([claim("c1"), hedge])).toEqual(new Set(["c1"]));
    expect(unattributedClaimIds([claim("c1")])).toEqual(new Set(["c1"]));
  });

  it("only claims count: annotations of other kinds never appear, even unlinked", () => {
    expect(unattributedClaimIds([attribution("a1"), { id: "h1", kind: "hedge", links: [] }])).toEqual(new Set());
    expect(unattributedClaimIds([])).toEqual(new Set());
  });
});
