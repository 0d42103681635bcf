import type { AnnotationJson } from "@/lib/contracts/annotations";

/** Outcome of one review request, as the UI needs it. */
export type ReviewOutcome = { ok: true; annotation: AnnotationJson } | { ok: false; status: number; message: string; current?: AnnotationJson | null };

/** Sends a review decision through the public API. */
export async function sendReview(id: string, version: number, decision: "approve" | "reject", note?: string): Promise<ReviewOutcome> {
  try {
    const res = await fetch(`/api/annotations/${id}/review`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ version, decision, ...(note ? { note } : {}) }),
    });
    const body = (await res.json()) as AnnotationJson & { error?: { message: string; details?: { current?: AnnotationJson | null } } };
    if (res.ok) return { ok: true, annotation: body };
    return { ok: false, status: res.status, message: body.error?.message ?? `Review failed (${res.status})`, current: body.error?.details?.current };
  } catch {
    return { ok: false, status: 0, message: "Could not reach Newsmark; nothing was recorded. Try again." };
  }
}
