"use client";

import { Node } from "prosemirror-model";
import type { EditorState } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { useCallback, useRef, useState, type RefObject } from "react";
import { getAnnotationState } from "@/lib/editor/annotations";
import { schema } from "@/lib/editor/schema";
import { REVISION_OPERATION_ID, type SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { SyncProblem, SyncQueue } from "@/lib/editor/sync/sync-queue";
import { clearTextDraft, saveTextDraft, type DraftOwner } from "@/lib/editor/text-draft";
import type { AnnotationDetails } from "./annotation-types";

/** How long typing may pause before the unsaved text is written to the browser's storage. */
const DRAFT_DELAY_MS = 400;

/** A text save the user has to settle: refused as stale (someone saved a newer revision) or for another reason. */
export interface HeldText {
  kind: "conflict" | "refused";
  message: string;
  latestRevisionId: string;
}

/** A refused text save, as the sync queue reports it. */
export type TextSaveProblem = SyncProblem & { operation: Extract<SyncOperation, { type: "revision" }> };

/** Where every drawn annotation is in the current text: what a text save tells the server. */
export const drawnSpans = (state: EditorState) => [...getAnnotationState(state).annotations.values()].map(({ id, from, to }) => ({ id, from, to }));

interface Options {
  /** Whose draft this page keeps, of which article: drafts are never shared between users or pages. */
  owner: DraftOwner;
  revisionNumber: number;
  viewRef: RefObject<EditorView | null>;
  queueRef: RefObject<SyncQueue | null>;
  detailsRef: RefObject<ReadonlyMap<string, AnnotationDetails>>;
  setMessage(message: string | null): void;
}

/**
 * Correcting the text: which text the server has, which the queue has, the unsaved draft kept in
 * the browser, saving it as a revision, and settling a save the server refused.
 */
export function useTextSaving({ owner, revisionNumber: initialNumber, viewRef, queueRef, detailsRef, setMessage }: Options) {
  const [revisionNumber, setRevisionNumber] = useState(initialNumber);
  const [unsavedText, setUnsavedText] = useState(false);
  const [held, setHeld] = useState<HeldText | null>(null);
  /** The text of the newest revision the server confirmed: drawn positions from the server refer to it. */
  const savedDocRef = useRef<Node | null>(null);
  /** The text last handed to the sync queue: positions sent from now on refer to it. */
  const queuedDocRef = useRef<Node | null>(null);
  const draftTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** Keeps the unsaved text in the browser, so a reload or a closed tab loses nothing typed. */
  const writeDraft = useCallback(() => {
    clearTimeout(draftTimerRef.current);
    const view = viewRef.current;
    const queue = queueRef.current;
    if (!view || !queue || view.state.doc === queuedDocRef.current) return;
    const stored = saveTextDraft(window.localStorage, owner, {
      baseRevisionId: queue.currentRevisionId,
      doc: view.state.doc.toJSON(),
      annotations: drawnSpans(view.state),
    });
    if (!stored) setMessage("This browser could not keep a copy of your unsaved text: save it (Ctrl+S) before leaving the page.");
  }, [owner, queueRef, setMessage, viewRef]);

  /** Notes a text edit: the text is unsaved, and its draft is written once typing pauses. */
  const textChanged = useCallback(() => {
    setUnsavedText(true);
    clearTimeout(draftTimerRef.current);
    draftTimerRef.current = setTimeout(writeDraft, DRAFT_DELAY_MS);
  }, [writeDraft]);

  /** Hands the current text to the sync queue as a new revision, with where each annotation now is. */
  const saveText = useCallback(() => {
    clearTimeout(draftTimerRef.current);
    const view = viewRef.current;
    const queue = queueRef.current;
    if (!view || !queue) return;
    const doc = view.state.doc;
    if (doc !== queuedDocRef.current && !(queuedDocRef.current && doc.eq(queuedDocRef.current))) {
      const { collapsed } = getAnnotationState(view.state);
      queue.push({
        type: "revision",
        id: REVISION_OPERATION_ID,
        body: { doc: doc.toJSON(), annotations: drawnSpans(view.state), orphaned: [...collapsed] },
      });
    }
    queuedDocRef.current = doc;
    clearTextDraft(window.localStorage, owner);
    setUnsavedText(false);
  }, [owner, queueRef, viewRef]);

  /** Records a revision the server confirmed as the text its positions refer to. */
  const confirmRevision = useCallback((doc: unknown, number: number) => {
    savedDocRef.current = Node.fromJSON(schema, doc);
    setRevisionNumber(number);
  }, []);

  /**
   * Takes in a refused text save: it holds the queue until the user decides, unless it is stale only
   * because its own earlier attempt arrived (its answer lost), which is settled at once.
   */
  const textRefused = useCallback(
    (problem: TextSaveProblem, refetch: () => void) => {
      const queue = queueRef.current!;
      const latest = problem.current as { id: string; number: number; doc: unknown } | undefined;
      if (problem.code === "conflict" && latest) {
        if (Node.fromJSON(schema, latest.doc).eq(Node.fromJSON(schema, problem.operation.body.doc))) {
          confirmRevision(latest.doc, latest.number);
          queue.resolveConflict(latest.id, "adopt");
          refetch();
          return;
        }
        setHeld({ kind: "conflict", latestRevisionId: latest.id, message: `Someone else saved revision ${latest.number} after you started editing.` });
        return;
      }
      setHeld({ kind: "refused", latestRevisionId: queue.currentRevisionId, message: problem.message });
    },
    [confirmRevision, queueRef],
  );

  /** Sends the held text again on top of the newest revision, after the user confirms. */
  const overwrite = useCallback(() => {
    if (!held) return;
    if (held.kind === "conflict" && !window.confirm("Save your text as the newest revision? Text changes in the revision saved meanwhile will be replaced by yours; annotations are kept.")) return;
    queueRef.current?.resolveConflict(held.latestRevisionId, "overwrite");
    setHeld(null);
    saveText();
  }, [held, queueRef, saveText]);

  /** Drops the user's text edits and reloads the newest revision; tags made meanwhile are kept by their quotes. */
  const discard = useCallback(() => {
    if (!held || !window.confirm("Discard your text edits and load the newest revision? This cannot be undone.")) return;
    clearTimeout(draftTimerRef.current);
    clearTextDraft(window.localStorage, owner);
    queuedDocRef.current = viewRef.current?.state.doc ?? null;
    queueRef.current?.resolveConflict(held.latestRevisionId, "discard", (op) => {
      // Positions in the discarded text mean nothing in the latest one; a quote still does.
      if (op.type === "update" && op.patch.from !== undefined) return null;
      if (op.type !== "create" || op.body.from === undefined) return op;
      const quote = detailsRef.current.get(op.id)?.quote;
      if (!quote?.exact) return null;
      const body: Record<string, unknown> = { ...op.body, quote };
      delete body.from;
      delete body.to;
      delete body.revisionId;
      return { ...op, body };
    });
    window.location.reload();
  }, [owner, detailsRef, held, queueRef, viewRef]);

  return {
    revisionNumber,
    unsavedText,
    held,
    savedDocRef,
    queuedDocRef,
    setUnsavedText,
    setHeld,
    writeDraft,
    textChanged,
    saveText,
    confirmRevision,
    textRefused,
    overwrite,
    discard,
  };
}
