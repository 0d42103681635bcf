/**
 * The four-eyes rule, shared by the server (which enforces it) and the browser (which shows it
 * instead of offering a decision that would fail): nobody reviews an annotation they created, nor
 * one whose substance (kind, span, attributes, re-attachment) they decided since its last review.
 */

/** What the rule reads of an annotation, in the API's shape. */
export interface FourEyesSubject {
  createdBy: { id: string };
  /** Who last decided what the annotation says, and when: its creator at creation unless someone changed it since (absent: the creator). */
  substanceBy?: { id: string };
  substanceAt?: string;
  reviewedAt?: string | null;
}

/** Why this user may not review it: their own annotation, or one whose substance they changed; null when they may. */
export type FourEyesConflict = "own" | "changed" | null;

/** What a refused review says, to the API caller and in the review queue. */
export const FOUR_EYES_REFUSALS = {
  own: "You cannot review your own annotation: another reviewer must (four-eyes rule)",
  changed:
    "You changed what this annotation says (its kind, span, attributes or re-attachment) since its last review: another reviewer must decide it (four-eyes rule)",
} as const;

/** The short form the review queue and the editor show beside such an item. */
export const FOUR_EYES_HINTS = {
  own: "Your own annotation: another reviewer must review it.",
  changed: "Changed by you: another reviewer decides.",
} as const;

/** Whether, and why, the rule keeps this user from reviewing the annotation. */
export function fourEyesConflict(userId: string, annotation: FourEyesSubject): FourEyesConflict {
  if (annotation.createdBy.id === userId) return "own";
  if (!annotation.substanceBy || annotation.substanceBy.id !== userId) return null;
  // A review after the change vouched for it; only a change since the last review binds.
  const { reviewedAt, substanceAt } = annotation;
  const reviewedSince = Boolean(reviewedAt && substanceAt && Date.parse(reviewedAt) >= Date.parse(substanceAt));
  return reviewedSince ? null : "changed";
}

/** The short hint to show instead of a decision this user may not make; undefined when they may. */
export function fourEyesHint(userId: string, annotation: FourEyesSubject): string | undefined {
  const conflict = fourEyesConflict(userId, annotation);
  return conflict ? FOUR_EYES_HINTS[conflict] : undefined;
}
