"use client";

import type { EditorView } from "prosemirror-view";
import { useCallback, useEffect, useMemo, useState, type RefObject } from "react";
import { anchorRange } from "@/lib/anchoring/anchor-range";
import { withAnnotationAction } from "@/lib/editor/annotations";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";
import type { ActorJson as Actor } from "@/lib/contracts/users";
import type { AnnotationDetails } from "./annotation-types";

// One empty list for every render without orphans, so the memoised panel is not redrawn.
const NO_ORPHANS: AnnotationDetails[] = [];

interface Options {
  actor: Actor;
  details: ReadonlyMap<string, AnnotationDetails>;
  /** Ids drawn in the text, in document order. */
  order: readonly string[];
  viewRef: RefObject<EditorView | null>;
  queueRef: RefObject<SyncQueue | null>;
  detailsRef: RefObject<ReadonlyMap<string, AnnotationDetails>>;
  patchDetails(id: string, patch: Partial<AnnotationDetails>): void;
  /** Saves the text on screen, so a new span's positions refer to text the server has. */
  setMessage(message: string | null): void;
}

/** Orphaned annotations (their words removed by a correction): which they are, and re-attaching one to selected words. */
export function useOrphans({ actor, details, order, viewRef, queueRef, detailsRef, patchDetails, setMessage }: Options) {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const orphans = useMemo(() => {
    // Runs on every change to the sidebar; most articles have no orphan, so the set of drawn ids
    // (thousands on a heavily tagged article) is built only when there is one to check.
    const candidates: AnnotationDetails[] = [];
    for (const d of details.values()) if (d.status === "orphaned") candidates.push(d);
    if (candidates.length === 0) return NO_ORPHANS;
    const drawn = new Set(order);
    return candidates.filter((d) => !drawn.has(d.id));
  }, [details, order]);
  const canReattach = useCallback((d: AnnotationDetails) => actor.role !== "editor" || d.createdBy.id === actor.id, [actor.id, actor.role]);

  useEffect(() => {
    if (highlighted) document.querySelector(`[data-orphan-id="${highlighted}"]`)?.scrollIntoView({ block: "center" });
  }, [highlighted]);

  /** Attaches an orphaned annotation to the selected words; it goes back to review. */
  const reattach = useCallback(
    (id: string) => {
      const view = viewRef.current;
      const d = detailsRef.current.get(id);
      if (!view || !d) return;
      const span = anchorRange(view.state.doc, view.state.selection.from, view.state.selection.to);
      if (!span.ok) {
        setMessage(span.reason);
        return;
      }
      view.dispatch(withAnnotationAction(view.state.tr, { type: "add", annotation: { id, kind: d.kind, from: span.from, to: span.to, status: "pending" } }, "remote"));
      patchDetails(id, { status: "pending", quote: span.quote, saved: false });
      queueRef.current?.push({ type: "update", id, patch: { from: span.from, to: span.to } });
      setHighlighted(null);
      setMessage(`Re-attached to “${span.quote.exact.slice(0, 60)}”; it goes back to review.`);
      view.focus();
    },
    [detailsRef, patchDetails, queueRef, setMessage, viewRef],
  );

  return { orphans, canReattach, reattach, highlighted, setHighlighted };
}
