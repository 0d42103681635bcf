import { Node } from "prosemirror-model";
import { anchorRange } from "@/lib/anchoring/anchor-range";
import type { EditorAnnotation } from "@/lib/editor/annotations";
import { schema } from "@/lib/editor/schema";
import type { SyncOperation } from "@/lib/editor/sync/sync-operation";
import type { TextDraft } from "@/lib/editor/text-draft";
import type { AnnotationDetails } from "./annotation-types";
import type { EditorAnnotationJson, EditorPayload } from "./editor-payload";
import { lastUnsentText, placeAsSaved, replayUnsent } from "./replay-unsent";

/** What the editor opens with once the browser's unsent changes and unsaved draft are laid over the server's article. */
export interface RestoredContent {
  /** The text of the revision the server has. */
  savedDoc: Node;
  /** The text last handed to the sync queue (the server's, or an unsent text save). */
  queuedDoc: Node;
  /** The text to show: the queued one, or the unsaved draft on top of it. */
  doc: Node;
  /** The annotations to draw, at their positions in `doc`. */
  drawn: EditorAnnotation[];
  /** "current": a draft made on this revision; "stale": made on an older one; "unreadable": one to throw away. */
  draft: "none" | "current" | "stale" | "unreadable";
}

/** The annotation the editor draws for one from the server. */
export const toEditorAnnotation = (a: EditorAnnotationJson): EditorAnnotation => ({ id: a.id, kind: a.kind, from: a.from, to: a.to, status: a.status });

/** Lays text saves still in the queue, then an unsaved draft, over the article as the server sent it. */
export function restoreEditorContent(initial: EditorPayload, unsent: readonly SyncOperation[], draft: TextDraft | null): RestoredContent {
  const { revision } = initial;
  const savedDoc = Node.fromJSON(schema, revision.doc);
  const unsentText = lastUnsentText(unsent);
  const queuedDoc = unsentText ? Node.fromJSON(schema, unsentText) : savedDoc;
  // Orphans stay off the text: their offsets belong to an older text.
  const server = initial.annotations.filter((a) => a.revisionId === revision.id && a.status !== "orphaned").map(toEditorAnnotation);
  const drawn = replayUnsent(server, unsent);
  if (!draft) return { savedDoc, queuedDoc, doc: queuedDoc, drawn, draft: "none" };
  try {
    const doc = Node.fromJSON(schema, draft.doc);
    return { savedDoc, queuedDoc, doc, drawn: placeAsSaved(drawn, draft), draft: draft.baseRevisionId === revision.id ? "current" : "stale" };
  } catch {
    return { savedDoc, queuedDoc, doc: queuedDoc, drawn, draft: "unreadable" };
  }
}

/** Sidebar details for drawn annotations the server does not know yet (creates still unsent from before a reload). */
export function detailsOfUnsent(
  drawn: readonly EditorAnnotation[],
  known: ReadonlyMap<string, AnnotationDetails>,
  doc: Node,
  author: AnnotationDetails["createdBy"],
): AnnotationDetails[] {
  return drawn
    .filter((a) => !known.has(a.id))
    .map((a) => {
      const span = anchorRange(doc, a.from, a.to);
      return {
        id: a.id,
        kind: a.kind,
        status: "pending",
        note: "",
        attributes: {},
        links: [],
        reviewNote: null,
        createdBy: author,
        quote: span.ok ? span.quote : { exact: "", prefix: "", suffix: "" },
        saved: false,
      };
    });
}
