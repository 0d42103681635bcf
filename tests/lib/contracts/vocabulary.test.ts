import { describe, expect, it } from "vitest";
import { AnnotationKind, AnnotationStatus, ArticleStatus, LinkType, Role } from "@/lib/db/generated/enums";
import {
  ANNOTATION_KINDS,
  ANNOTATION_STATUSES,
  ARTICLE_STATUSES,
  KIND_LABELS,
  LINK_SOURCE_KIND,
  LINK_TYPES,
  linkTypeOf,
  ROLES,
  STATUS_LABELS,
  TAG_SHORTCUTS,
} from "@/lib/contracts/vocabulary";

const sorted = (values: readonly string[]) => [...values].sort();

describe("the shared vocabulary", () => {
  it("spells the same kinds, statuses, roles and link types as the database's enums", () => {
    expect(sorted(ANNOTATION_KINDS)).toEqual(sorted(Object.values(AnnotationKind)));
    expect(sorted(ANNOTATION_STATUSES)).toEqual(sorted(Object.values(AnnotationStatus)));
    expect(sorted(ARTICLE_STATUSES)).toEqual(sorted(Object.values(ArticleStatus)));
    expect(sorted(ROLES)).toEqual(sorted(Object.values(Role)));
    expect(sorted(LINK_TYPES)).toEqual(sorted(Object.values(LinkType)));
  });

  it("labels every kind and status and gives every kind a distinct shortcut", () => {
    expect(sorted(Object.keys(KIND_LABELS))).toEqual(sorted(ANNOTATION_KINDS));
    expect(sorted(Object.keys(STATUS_LABELS))).toEqual(sorted(ANNOTATION_STATUSES));
    expect(sorted(Object.keys(TAG_SHORTCUTS))).toEqual(sorted(ANNOTATION_KINDS));
    expect(new Set(Object.values(TAG_SHORTCUTS)).size).toBe(ANNOTATION_KINDS.length);
  });

  it("links each link type from one kind, and each kind makes at most the link type that starts from it", () => {
    expect(sorted(Object.keys(LINK_SOURCE_KIND))).toEqual(sorted(LINK_TYPES));
    for (const kind of ANNOTATION_KINDS) {
      const type = linkTypeOf(kind);
      if (type === null) expect(Object.values(LINK_SOURCE_KIND)).not.toContain(kind);
      else expect(LINK_SOURCE_KIND[type]).toBe(kind);
    }
  });
});
