import type { EditorView } from "prosemirror-view";
import { useCallback, type Dispatch, type MutableRefObject, type SetStateAction } from "react";
import type { AnnotationJson } from "@/lib/contracts/annotations";
import type { ArticleDetail } from "@/lib/contracts/articles";
import type { ArticleEvent } from "@/lib/contracts/collab";
import { getAnnotationState, withAnnotationAction } from "@/lib/editor/annotations";
import { keepPageSelection } from "@/lib/editor/page-selection";
import type { EditorSession } from "@/lib/editor/session/editor-session";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";
import { detailsFrom } from "./annotation-types";
import { withDetails, withPatch, type DetailsMap } from "./details-map";
import { replayUnsent } from "./replay-unsent";
import { toEditorAnnotation } from "./restore-editor-content";
import { withUnsentLinks } from "./unsent-links";

export interface RemoteAnnotationsOptions {
  articleId: string;
  viewRef: MutableRefObject<EditorView | null>;
  queueRef: MutableRefObject<SyncQueue | null>;
  sessionRef: MutableRefObject<EditorSession | null>;
  setDetails: Dispatch<SetStateAction<DetailsMap>>;
}

/**
 * Annotations changed elsewhere, drawn in this editor: each event of the article's stream (another
 * person's tag, edit, deletion or review, or this page's own change coming back), and the whole set
 * read again from the server when an event says too little or a change of this page was refused.
 * Positions the server gives are in its version of the shared text, mapped to the text on screen.
 */
export function useRemoteAnnotations({ articleId, viewRef, queueRef, sessionRef, setDetails }: RemoteAnnotationsOptions) {
  /** Reloads the article's annotations from the server (after a refused change) and redraws them. */
  const refetch = useCallback(async () => {
    const res = await fetch(`/api/articles/${articleId}`);
    if (!res.ok) return;
    const fresh = (await res.json()) as ArticleDetail;
    const queue = queueRef.current!;
    for (const a of fresh.annotations) queue.setVersion(a.id, a.version);
    setDetails((map) => withUnsentLinks(withDetails(map, fresh.annotations.map(detailsFrom)), queue.unsent));
    const view = viewRef.current;
    const channel = sessionRef.current?.channel;
    if (!view || !channel) return;
    // The server's positions are in its version of the shared text: mapped to the text on screen.
    const current = fresh.annotations.flatMap((a) => {
      if (a.revisionId !== fresh.revision.id || a.status === "orphaned") return [];
      const from = channel.mapFromVersion(a.from, fresh.revision.version, 1);
      const to = channel.mapFromVersion(a.to, fresh.revision.version, -1);
      return from !== null && to !== null && from < to ? [toEditorAnnotation({ ...a, from, to })] : [];
    });
    if (current.length < fresh.annotations.filter((a) => a.revisionId === fresh.revision.id && a.status !== "orphaned").length && fresh.revision.version > channel.version) {
      // The page is behind: the events on their way bring it up to date.
      return;
    }
    const annotations = replayUnsent(current, queue.unsent);
    view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "replaceAll", annotations }, "remote")));
  }, [articleId, viewRef, queueRef, sessionRef, setDetails]);

  /** Shows an annotation change from the event stream: someone else's, or this page's own coming back. */
  const onAnnotationEvent = useCallback((event: ArticleEvent, span: { from: number; to: number } | null) => {
    const view = viewRef.current;
    const queue = queueRef.current;
    if (!view || !queue) return;
    const id = event.entityId;
    // This page's own change still on its way: what is on screen is newer than the event.
    if (queue.unsent.some((op) => op.id === id)) return;
    const drawn = getAnnotationState(view.state).annotations.get(id);
    const full = event.annotation as (AnnotationJson & { deletedAt?: unknown }) | undefined;
    if (event.action === "annotation.delete") {
      queue.setVersion(id, 0);
      if (drawn) view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "remove", id }, "remote")));
      setDetails((map) => {
        const next = new Map(map);
        next.delete(id);
        return next;
      });
      return;
    }
    if (full && typeof full.id === "string" && full.articleId) {
      queue.setVersion(id, full.version);
      setDetails((map) => withUnsentLinks(withDetails(map, [detailsFrom(full)]), queue.unsent));
      if (full.status === "orphaned") {
        if (drawn) view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "remove", id }, "remote")));
        return;
      }
      if (!drawn && span) {
        view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "add", annotation: { id, kind: full.kind, from: span.from, to: span.to, status: full.status } }, "remote")));
      } else if (drawn && (drawn.kind !== full.kind || drawn.status !== full.status || (span && (span.from !== drawn.from || span.to !== drawn.to)))) {
        const patch = { kind: full.kind, status: full.status, ...(span ?? {}) };
        view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "update", id, patch }, "remote")));
      }
      return;
    }
    // Events that carry only what changed: words deleted (orphaned) or changed (back to review).
    const partial = event.annotation as { status?: AnnotationJson["status"]; version?: number } | undefined;
    if (!partial?.status) return;
    const status = partial.status;
    if (typeof partial.version === "number" && partial.version > (queue.versionOf(id) ?? 0)) queue.setVersion(id, partial.version);
    // Placed again (re-attached elsewhere): where, only the server's full answer says.
    if (!drawn && status !== "orphaned") {
      void refetch();
      return;
    }
    setDetails((map) => withPatch(map, id, { status }));
    if (!drawn) return;
    if (status === "orphaned") view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "remove", id }, "remote")));
    else if (drawn.status !== status) view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "update", id, patch: { status } }, "remote")));
  }, [refetch, viewRef, queueRef, setDetails]);

  return { refetch, onAnnotationEvent };
}
