import type { Node } from "prosemirror-model";
import type { EditorView } from "prosemirror-view";
import type { Dispatch, SetStateAction } from "react";
import { getAnnotationState, withAnnotationAction } from "@/lib/editor/annotations";
import { keepPageSelection } from "@/lib/editor/page-selection";
import { claimLeftovers, hasLeftovers, holdEntries, type Claimant, type Locks } from "@/lib/editor/sync/claim-leftovers";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";
import type { AnnotationDetails } from "./annotation-types";
import { withDetails, type DetailsMap } from "./details-map";
import { replayUnsent } from "./replay-unsent";
import { detailsOfUnsent } from "./restore-editor-content";
import { withUnsentLinks } from "./unsent-links";

/**
 * Opens the editor (`open`, which returns how to close it) once the work closed tabs of this user
 * left for this article is taken over: when there is some, it is claimed first (the server's
 * rendering stays on screen meanwhile), so it is drawn and sent with the page's own. While the page
 * lives it holds its Web Lock, marking its own entries as a live page's. `open` receives the other
 * tabs still open. Returns how to close the editor and let the lock go.
 */
export function openAfterClosedTabsWork(
  locks: Locks | undefined,
  owner: Claimant,
  open: (signal: AbortSignal, livePages: readonly string[]) => () => void,
  onLeft: (left: number) => void,
): () => void {
  const storage = window.localStorage;
  const hold = holdEntries(locks, owner);
  const stop = new AbortController();
  let close: (() => void) | null = null;
  if (!hasLeftovers(storage, owner)) {
    close = open(stop.signal, []);
  } else {
    void hold.granted
      .then(() => claimLeftovers(storage, locks, owner, { own: [], drafts: true }))
      .then(
        (claimed) => {
          if (stop.signal.aborted) return;
          onLeft(claimed.left);
          close = open(stop.signal, claimed.livePages);
        },
        () => {
          if (!stop.signal.aborted) close = open(stop.signal, []);
        },
      );
  }
  return () => {
    stop.abort();
    close?.();
    hold.release();
  };
}

export interface TakeOverOptions {
  locks: Locks | undefined;
  owner: Claimant;
  queue: SyncQueue;
  /** Read when the entries are claimed (after waiting for the lock), not when asked. */
  view(): EditorView | null;
  /** The text the page opened with, and the revision it belongs to. */
  savedDoc: Node | null;
  revisionId: string;
  details(): ReadonlyMap<string, AnnotationDetails>;
  author: AnnotationDetails["createdBy"];
  setDetails: Dispatch<SetStateAction<DetailsMap>>;
  /** How many closed pages' entries were left in place (for the notice). */
  onLeft(left: number): void;
}

/**
 * Takes the unsent annotation changes a closed tab of this user left, draws them and sends them.
 * Their positions refer to the article as the server has it, so they are only taken while this
 * page shows that text unedited; otherwise they stay stored for the next page load, and the page
 * says so. A draft is never taken into a page already open: it would replace the text on screen.
 */
export function takeOverFromClosedPage(options: TakeOverOptions): void {
  const { locks, owner, queue, savedDoc, revisionId, author, setDetails, onLeft } = options;
  // The plan lists this page's changes as they were when asked, then the closed page's.
  const own = [...queue.unsent];
  const take = (plan: { ops: readonly SyncOperation[] }) => {
    const view = options.view();
    const unedited = view && savedDoc && view.state.doc.eq(savedDoc) && queue.currentRevisionId === revisionId;
    if (!view || !unedited || queue.unsent.some((op) => op.type === "revision") || queue.isSignedOut) return false;
    const theirs = plan.ops.slice(own.length);
    const drawn = replayUnsent([...getAnnotationState(view.state).annotations.values()], theirs);
    const added = detailsOfUnsent(drawn, options.details(), view.state.doc, author);
    // Their links and unlinks show at once too, like their tags.
    setDetails((map) => withUnsentLinks(added.length > 0 ? withDetails(map, added) : map, theirs));
    view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "replaceAll", annotations: drawn }, "remote")));
    queue.adopt(theirs);
    return true;
  };
  void claimLeftovers(window.localStorage, locks, owner, { own, drafts: false, take }).then(
    (claimed) => onLeft(claimed.left),
    () => {
      // The entries stay stored; the next page load takes them.
    },
  );
}
