import { z } from "zod";

// The words the API, the database, the editor and the pages share, spelled once. A test compares
// them with the database's enums, so a new kind or status cannot reach one side only.

/** The three things an editor can mark in an article. */
export const ANNOTATION_KINDS = ["claim", "hedge", "attribution"] as const;
export const annotationKindSchema = z.enum(ANNOTATION_KINDS);
export type AnnotationKind = z.infer<typeof annotationKindSchema>;

/** Review state of an annotation; "orphaned" means its text no longer exists. */
export const ANNOTATION_STATUSES = ["pending", "approved", "rejected", "orphaned"] as const;
export const annotationStatusSchema = z.enum(ANNOTATION_STATUSES);
export type AnnotationStatus = z.infer<typeof annotationStatusSchema>;

/** Where an article stands in review. */
export const ARTICLE_STATUSES = ["draft", "in_review", "reviewed"] as const;
export const articleStatusSchema = z.enum(ARTICLE_STATUSES);
export type ArticleStatus = z.infer<typeof articleStatusSchema>;

/** What a user may do, weakest first. */
export const ROLES = ["editor", "reviewer", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** "Who said what": an attribution attributes a claim, a hedge qualifies one. */
export const LINK_TYPES = ["attributes", "qualifies"] as const;
export const linkTypeSchema = z.enum(LINK_TYPES);
export type LinkType = z.infer<typeof linkTypeSchema>;

/** Who an attribution names as its source. */
export const SOURCE_TYPES = ["person", "organisation", "document", "anonymous"] as const;
export const sourceTypeSchema = z.enum(SOURCE_TYPES);

/** The one kind of annotation each type of link starts from. */
export const LINK_SOURCE_KIND = { attributes: "attribution", qualifies: "hedge" } as const satisfies Record<LinkType, AnnotationKind>;

/** The one kind every link points at. */
export const LINK_TARGET_KIND = "claim" as const satisfies AnnotationKind;

/** The one type of link an annotation of this kind may make, or null for a claim. */
export function linkTypeOf(kind: AnnotationKind): LinkType | null {
  return kind === "attribution" ? "attributes" : kind === "hedge" ? "qualifies" : null;
}

/** How pages name each kind (the toolbar buttons' accessible names among them). */
export const KIND_LABELS = { claim: "Claim", hedge: "Hedge", attribution: "Attribution" } as const satisfies Record<AnnotationKind, string>;

/** How pages name each status. */
export const STATUS_LABELS = {
  pending: "Pending",
  approved: "Approved",
  rejected: "Rejected",
  orphaned: "Orphaned",
} as const satisfies Record<AnnotationStatus, string>;

/** The key that tags a selection with each kind, shown beside the toolbar buttons. */
export const TAG_SHORTCUTS = { claim: "Mod-Alt-1", hedge: "Mod-Alt-2", attribution: "Mod-Alt-3" } as const satisfies Record<AnnotationKind, string>;
