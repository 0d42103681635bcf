"use client";

import type { RefObject } from "react";
import { useCallback, useState } from "react";
import { REVISION_OPERATION_ID } from "@/lib/editor/sync/sync-operation";
import type { SyncQueue } from "@/lib/editor/sync/sync-queue";

interface Options {
  /** The number of the article's current revision, and whether it is saved, as the page was loaded. */
  revisionNumber: number;
  saved: boolean;
  queueRef: RefObject<SyncQueue | null>;
}

/**
 * Saving the shared text: its text changes reach the server step by step as they are made (the
 * editor session), and Save (Ctrl+S) turns the text as it stands into a named revision, a
 * checkpoint that history, diffs and exports can refer to.
 */
export function useTextSaving({ revisionNumber: initialNumber, saved, queueRef }: Options) {
  const [revisionNumber, setRevisionNumber] = useState(initialNumber);
  /** Whether the current revision has changes nobody has saved yet (by anyone: the text is shared). */
  const [unsavedText, setUnsavedText] = useState(!saved);

  /** Queues a checkpoint of the shared text; it goes once this page's own steps are accepted. */
  const saveText = useCallback(() => {
    queueRef.current?.push({ type: "revision", id: REVISION_OPERATION_ID, body: {} });
  }, [queueRef]);

  /** Shows the current revision: its number, and whether it has unsaved changes. */
  const showRevision = useCallback((number: number, isSaved: boolean) => {
    setRevisionNumber(number);
    setUnsavedText(!isSaved);
  }, []);

  return { revisionNumber, unsavedText, setUnsavedText, saveText, showRevision };
}
