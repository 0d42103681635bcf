"use client";

import { collab } from "prosemirror-collab";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { startTransition, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  getAnnotationMeta,
  getAnnotationState,
  inDocumentOrder,
  linkAnnotation,
  removeAnnotation,
  tagSelection,
  unlinkAnnotation,
  updateAnnotation,
  withAnnotationAction,
  type AnnotationAction,
  type AnnotationKind,
} from "@/lib/editor/annotations";
import { UNATTRIBUTED_KEY_LABELS } from "@/lib/editor/annotation-keymap";
import { editorPlugins } from "@/lib/editor/editor-plugins";
import { unattributedClaimIds } from "@/lib/export/unattributed-claims";
import { newId } from "@/lib/editor/new-id";
import { keepPageSelection } from "@/lib/editor/page-selection";
import type { Locks } from "@/lib/editor/sync/claim-leftovers";
import { othersWithUnsent } from "@/lib/editor/sync/others-unsent";
import { SyncQueue, type SavedRevision, type SyncProblem, type SyncStatus } from "@/lib/editor/sync/sync-queue";
import { discardUnowned, setAsideLegacy, unownedSummary, type UnownedSummary } from "@/lib/editor/sync/unowned-unsent";
import { clearTextDraft, type DraftOwner } from "@/lib/editor/text-draft";
import { EditorSession, type PresentPerson } from "@/lib/editor/session/editor-session";
import { presencePlugin } from "@/lib/editor/session/presence-plugin";
import { listUnsentSteps } from "@/lib/editor/session/unsent-steps";
import type { CollabStatus } from "@/lib/editor/session/collab-channel";
import { redoLatest, undoAvailability, undoLatest } from "@/lib/editor/undo-order";
import type { ActorJson as Actor } from "@/lib/contracts/users";
import type { AnnotationJson } from "@/lib/contracts/annotations";
import { sendReview } from "@/components/review/review-decision";
import { afterPaint } from "./after-paint";
import { barUpdates } from "./bar-updates";
import { AnnotationDetailsPanel } from "./annotation-details";
import { plannedOperation } from "./annotation-operation";
import { describeSave } from "./describe-save";
import { describeSyncProblem } from "./describe-sync-problem";
import { openAfterClosedTabsWork, takeOverFromClosedPage } from "./closed-tab-work";
import { withDetails, withPatch, withSavedAnnotations, type DetailsMap, type DetailsPatch } from "./details-map";
import { keepReactOutOfSelection } from "./keep-react-out-of-selection";
import { reflectionScheduler } from "./reflection-scheduler";
import { AnnotationSidebar } from "./annotation-sidebar";
import { detailsFrom, type AnnotationDetails } from "./annotation-types";
import type { EditorPayload } from "./editor-payload";
import { EditorToolbar } from "./editor-toolbar";
import { OrphanedAnnotations } from "./orphaned-annotations";
import { detailsOfUnsent, restoreEditorContent } from "./restore-editor-content";
import { SaveIndicator } from "./save-indicator";
import { PresenceBar } from "./presence-bar";
import { UnsentNotices } from "./unsent-notices";
import { useOrphans } from "./use-orphans";
import { useRemoteAnnotations } from "./use-remote-annotations";
import { withUnsentLinks } from "./unsent-links";
import { useTextSaving } from "./use-text-saving";
import { withTextStatus } from "./with-text-status";
import { resumeWhenAuthorReturns, watchOtherTabs } from "./watch-other-tabs";
import { fourEyesHint } from "@/lib/review/four-eyes";

interface Props {
  initial: EditorPayload;
  actor: Actor;
  /** The article rendered on the server, shown until the editor has mounted. */
  children?: ReactNode;
}

/**
 * The annotation editor: the article in ProseMirror with highlights drawn by the annotation plugin,
 * a toolbar and shortcuts to tag, a sidebar, and a sync queue that saves every change through the
 * public API and survives flaky networks and reloads. The text itself can be corrected: highlights
 * follow the words, and saving the text (Ctrl+S) makes a new revision.
 */
export function AnnotationEditor({ initial, actor, children }: Props) {
  const { article, revision } = initial;
  const mountRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const queueRef = useRef<SyncQueue | null>(null);
  const [details, setDetails] = useState<DetailsMap>(() => withDetails(new Map(), initial.annotations.map(detailsFrom)));
  const detailsRef = useRef(details);
  detailsRef.current = details;
  const [order, setOrder] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<SyncStatus>({ state: "saved" });
  const [message, setMessage] = useState<string | null>(null);
  const [undoState, setUndoState] = useState({ canUndo: false, canRedo: false });
  const [ready, setReady] = useState(false);
  const [hasSelection, setHasSelection] = useState(false);
  /** The unattributed claims as last rendered, for the keys that jump between them. */
  const unattributedRef = useRef<ReadonlySet<string>>(new Set());
  /**
   * Whose unsent work this page keeps, and under which page: the signed-in user (never whoever
   * signs in next on this browser) and an id of this page load, so two tabs keep separate entries.
   */
  const [owner] = useState<DraftOwner>(() => ({ userId: actor.id, articleId: article.id, tabId: newId() }));
  const [others, setOthers] = useState(0);
  const [unowned, setUnowned] = useState<UnownedSummary>({ changes: 0, drafts: 0 });
  const [leftElsewhere, setLeftElsewhere] = useState(0);
  const text = useTextSaving({ revisionNumber: revision.number, saved: revision.saved, queueRef });
  const { saveText, showRevision } = text;
  /** The text the page opened with: changes a closed tab left are only taken while it is unedited. */
  const savedDocRef = useRef<import("prosemirror-model").Node | null>(null);
  const sessionRef = useRef<EditorSession | null>(null);
  const [people, setPeople] = useState<PresentPerson[]>([]);
  const [textStatus, setTextStatus] = useState<CollabStatus>("saved");
  const [live, setLive] = useState(true);
  const mac = useMemo(() => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform), []);

  const patchDetails = useCallback((id: string, patch: DetailsPatch) => setDetails((map) => withPatch(map, id, patch)), []);

  /** Mirrors the plugin's state into React: document order and what can be undone. */
  const reflect = useCallback((state: EditorState, previous?: EditorState) => {
    const annotations = getAnnotationState(state);
    if (!previous || getAnnotationState(previous).annotations !== annotations.annotations) {
      const ids = inDocumentOrder(annotations.annotations.values()).map((a) => a.id);
      // Typing moves every annotation after the caret but rarely changes their order: keep the
      // same array then, so the sidebar does not re-render thousands of entries per keystroke.
      setOrder((current) => (current.length === ids.length && current.every((id, i) => id === ids[i]) ? current : ids));
    }
    // The same object when nothing changed, so that moving the selection re-renders nothing: a
    // render of the whole editor took 3 to 4 ms on a heavily tagged article, and it ran between
    // the user's keys.
    const undo = undoAvailability(state);
    setUndoState((current) => (current.canUndo === undo.canUndo && current.canRedo === undo.canRedo ? current : undo));
    setHasSelection(!state.selection.empty);
  }, []);

  const saveTextRef = useRef(saveText);
  saveTextRef.current = saveText;

  /** Sends one applied annotation action to the server (actions from the server itself are not echoed). */
  const sync = useCallback(
    (action: AnnotationAction, state: EditorState) => {
      const id = action.type === "add" ? action.annotation.id : "id" in action ? action.id : null;
      const planned = plannedOperation(action, state.doc, id ? detailsRef.current.get(id) : undefined, { id: actor.id, name: actor.name });
      if (!planned) return;
      const { details, patch } = planned;
      if (details) setDetails((map) => withDetails(map, [details]));
      if (patch) patchDetails(planned.operation.id, patch);
      queueRef.current!.push(planned.operation);
    },
    [actor.id, actor.name, patchDetails],
  );

  const { refetch, onAnnotationEvent } = useRemoteAnnotations({ articleId: article.id, viewRef, queueRef, sessionRef, setDetails });

  /** Takes in a saved checkpoint: the revision's number, and annotation versions and statuses. */
  const onRevision = useCallback(
    (saved: SavedRevision) => {
      const revisionJson = saved.revision as SavedRevision["revision"] & { saved?: boolean };
      showRevision(saved.revision.number, revisionJson.saved !== false);
      queueRef.current?.setRevisionId(saved.revision.id);
      const byId = new Map(saved.annotations.map((a) => [a.id, a as unknown as AnnotationJson]));
      setDetails((map) => withSavedAnnotations(map, byId.values()));
      setMessage(describeSave(saved));
    },
    [showRevision],
  );

  // A layout effect: the editor replaces the server-rendered article before the browser paints, so
  // the article text is never on the page twice, not even for one frame.
  useLayoutEffect(() => {
    const storage = window.localStorage;
    // Web Locks exist only in secure contexts (HTTPS or localhost); without them each page keeps
    // its own entries and takes over everything left for its user and article when it opens.
    const locks: Locks | undefined = typeof navigator !== "undefined" && navigator.locks ? navigator.locks : undefined;
    setAsideLegacy(storage, article.id);
    // The notes about work this page does not send are not urgent: they render after the editor.
    startTransition(() => {
      setUnowned(unownedSummary(storage, article.id));
      setOthers(othersWithUnsent(storage, article.id, actor.id));
    });
    return openAfterClosedTabsWork(locks, owner, (signal, livePages) => open(locks, signal, livePages), setLeftElsewhere);
    // The editor is created once per revision; later renders talk to it through the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision.id]);

  /** Creates the sync queue and the view from the server's article and this page's stored entries; returns how to close them. */
  function open(locks: Locks | undefined, signal: AbortSignal, livePages: readonly string[]): () => void {
    const showQueueStatus = barUpdates();
    const showTextStatus = barUpdates();
    const queue = new SyncQueue({
      articleId: article.id,
      userId: owner.userId,
      tabId: owner.tabId,
      revisionId: revision.id,
      onRevision,
      prepare: (op) => sessionRef.current?.prepare(op) ?? "wait",
      // Starting a request costs the page a fraction of a millisecond; it starts once the change
      // that queued it is on screen. The queue sends one request at a time, so order is kept.
      fetch: (...args) => new Promise<Response>((resolve, reject) => afterPaint(() => window.fetch(...args).then(resolve, reject))),
      storage: window.localStorage,
      // The server's answers arrive whenever the network says, often while the user is tagging
      // or typing: as transitions, the sidebar and indicator they update render in slices that
      // give way to a key press instead of holding it up.
      onStatus: (next) => showQueueStatus(next.state === "saved", () => setStatus(next)),
      onSaved(id, body) {
        if (body && typeof body.id === "string") {
          const a = body as unknown as AnnotationJson;
          startTransition(() => setDetails((map) => withUnsentLinks(withDetails(map, [detailsFrom(a)]), queueRef.current?.unsent ?? [])));
        }
      },
      onProblem(problem: SyncProblem) {
        setMessage(describeSyncProblem(problem, detailsRef.current.get(problem.operation.id)?.quote.exact));
        // A refused annotation change: show what the server has instead.
        if (problem.operation.type !== "revision") void refetch();
      },
    });
    queueRef.current = queue;
    // Orphans need their versions too: re-attaching one is an update.
    for (const a of initial.annotations) queue.setVersion(a.id, a.version);
    // Unsaved text no longer waits in a draft: it reaches the server as it is typed (kept as unsent
    // steps while offline). A draft an earlier version of the page left is of no use now.
    clearTextDraft(window.localStorage, owner);
    const restored = restoreEditorContent(initial, queue.unsent, null);
    const { doc, drawn } = restored;
    savedDocRef.current = restored.savedDoc;
    const unsentDetails = detailsOfUnsent(drawn, detailsRef.current, doc, { id: actor.id, name: actor.name });
    if (unsentDetails.length > 0) {
      setDetails((map) => withDetails(map, unsentDetails));
    }
    // Links and unlinks made before a reload and not sent yet: the page came with the server's links.
    if (queue.unsent.some((op) => op.type === "link" || op.type === "unlink")) setDetails((map) => withUnsentLinks(map, queue.unsent));

    const tag = (kind: AnnotationKind) => tagSelection(kind, newId, setMessage);
    const state = EditorState.create({
      doc,
      plugins: editorPlugins({
        initial: drawn,
        onSelect(id) {
          setSelectedId(id);
          // Keys select annotations anywhere in the article (the next unattributed claim, say): bring it into sight.
          if (id) viewRef.current?.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "nearest" });
        },
        tag,
        saveText: () => saveTextRef.current(),
        unattributedClaims: () => unattributedRef.current,
      }).concat(collab({ version: revision.version, clientID: owner.tabId }), presencePlugin()),
    });
    const reflection = reflectionScheduler(
      () => (viewRef.current === view ? view.state : null),
      (current, previous) => startTransition(() => reflect(current, previous)),
    );
    const view = new EditorView(mountRef.current!, {
      state,
      attributes: { class: "article-body editor-surface", "aria-label": "Article text", "aria-multiline": "true", role: "textbox" },
      dispatchTransaction(tr: Transaction) {
        const previous = view.state;
        // Every transaction, the plugins' appended ones too: an undo's restore of annotations is one.
        const { state: next, transactions } = previous.applyTransaction(tr);
        view.updateState(next);
        if (tr.docChanged) {
          sessionRef.current?.textChanged();
          text.setUnsavedText(true);
        }
        if (!previous.selection.eq(next.selection)) sessionRef.current?.selectionChanged();
        // Words an undo brought back: their deletion reached the server, which orphaned the
        // annotations on them; they are re-attached there to the same words.
        for (const applied of transactions) {
          const restored = getAnnotationMeta(applied);
          if (restored?.action.type !== "restore") continue;
          for (const a of restored.action.annotations) queue.push({ type: "update", id: a.id, patch: { from: a.from, to: a.to } });
        }
        const meta = getAnnotationMeta(tr);
        // The highlight is already drawn; React's sidebar work may wait so the next frame paints first.
        // Sending is not deferred like the rest: changes must reach the queue (and its storage) in order.
        if (meta && meta.origin !== "remote") {
          startTransition(() => {
            if (meta.action.type !== "select") setMessage(null);
            sync(meta.action, next);
          });
        }
        reflection.schedule(next);
      },
    });
    keepReactOutOfSelection(view.dom);
    viewRef.current = view;
    const session = new EditorSession({
      articleId: article.id,
      user: { id: actor.id, name: actor.name, role: actor.role },
      clientId: owner.tabId,
      version: revision.version,
      doc,
      lastEvent: initial.lastEvent,
      getState: () => view.state,
      // What the session dispatches was made elsewhere (steps, carets): the user's selection stays.
      dispatch: (tr) => view.dispatch(keepPageSelection(view, tr)),
      queue,
      fetch: (...args) => window.fetch(...args),
      storage: window.localStorage,
      locks,
      onTextStatus: (next) => showTextStatus(next === "saved", () => setTextStatus(next)),
      onPeople: (next) => startTransition(() => setPeople(next)),
      onAnnotationEvent,
      onRevisionEvent(event) {
        if (!event.revision) return;
        queue.setRevisionId(event.revision.id);
        // Opened: someone changed the saved text; saved: a checkpoint. A revision sent as a whole
        // text re-placed every annotation on the server: draw them as it has them.
        showRevision(event.revision.number, event.action !== "revision.open");
        if (event.action === "revision.create" && event.revision.outcomes && event.revision.version === undefined) void refetch();
      },
      onReload: (why) => setMessage(`${why} Reload the page to go on editing; your unsent text is kept.`),
      onMessage: setMessage,
      onLive: (connected) => startTransition(() => setLive(connected)),
    });
    sessionRef.current = session;
    session.start();
    void session.restoreUnsentText();
    setReady(true);
    // The text and its highlights are on screen already; the sidebar (thousands of entries on a
    // heavily tagged article) may fill in just after the first paint.
    reflection.shown(view.state);
    startTransition(() => reflect(view.state));
    // A link from the review queue names one annotation to show.
    const wanted = new URLSearchParams(window.location.search).get("annotation");
    if (wanted && getAnnotationState(view.state).annotations.has(wanted)) {
      select(wanted);
    } else if (wanted) {
      orphaned.setHighlighted(wanted);
    }
    if (queue.size > 0) {
      // Changes kept from before the page opened are on their way: say so rather than "Saved".
      setStatus({ state: "saving", pending: queue.size });
      queue.retryNow();
    }
    const online = () => {
      queue.retryNow();
      session.channel.retryNow();
    };
    window.addEventListener("online", online);
    const stopResuming = resumeWhenAuthorReturns(queue, owner.userId);
    // Another tab of this user on this article: when it closes, whatever it could not send (changes
    // and text) is taken over here. Tabs that only left text are watched too.
    const textTabs = listUnsentSteps(window.localStorage, owner.userId, article.id).map((entry) => entry.tabId).filter((tab) => tab !== owner.tabId);
    const stopWatching = watchOtherTabs(locks, owner, [...new Set([...livePages, ...textTabs])], signal, () => {
      takeOverFromClosedPage({
        locks,
        owner,
        queue,
        view: () => viewRef.current,
        savedDoc: savedDocRef.current,
        revisionId: revision.id,
        details: () => detailsRef.current,
        author: { id: actor.id, name: actor.name },
        setDetails,
        onLeft: setLeftElsewhere,
      });
      void session.restoreUnsentText();
    });
    return () => {
      stopWatching();
      stopResuming();
      window.removeEventListener("online", online);
      session.stop();
      sessionRef.current = null;
      view.destroy();
      viewRef.current = null;
    };
  }

  const run = (command: (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean) => {
    const view = viewRef.current;
    if (!view) return;
    command(view.state, view.dispatch);
    view.focus();
  };

  const select = useCallback((id: string) => {
    const view = viewRef.current;
    if (!view) return;
    const a = getAnnotationState(view.state).annotations.get(id);
    if (!a) return;
    let tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, a.from, a.to)).scrollIntoView();
    tr = withAnnotationAction(tr, { type: "select", id });
    view.dispatch(tr);
    view.dom.querySelector(`[data-annotation-id="${id}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, []);

  const entries = useMemo(() => order.map((id) => details.get(id)).filter((d): d is AnnotationDetails => Boolean(d)), [order, details]);
  const selected = selectedId ? details.get(selectedId) : undefined;
  const canEdit = (d: AnnotationDetails) => actor.role !== "editor" || (d.createdBy.id === actor.id && d.status === "pending");
  const orphaned = useOrphans({ actor, details, order, viewRef, queueRef, detailsRef, patchDetails, setMessage });
  // Every live annotation the page knows, orphans too, as the article list and the export count them.
  const unattributed = useMemo(() => unattributedClaimIds([...entries, ...orphaned.orphans]), [entries, orphaned.orphans]);
  unattributedRef.current = unattributed;

  /** Records a review decision and shows it on the highlight without entering the undo history. */
  const decide = async (id: string, decision: "approve" | "reject", note?: string) => {
    const queue = queueRef.current!;
    const outcome = await sendReview(id, queue.versionOf(id) ?? 1, decision, note);
    if (!outcome.ok) {
      setMessage(outcome.message);
      void refetch();
      return;
    }
    queue.setVersion(id, outcome.annotation.version);
    setDetails((map) => withDetails(map, [detailsFrom(outcome.annotation)]));
    const view = viewRef.current;
    if (view) view.dispatch(keepPageSelection(view, withAnnotationAction(view.state.tr, { type: "update", id, patch: { status: outcome.annotation.status } }, "remote")));
  };

  const editDetails = (id: string, patch: Record<string, unknown>) => {
    patchDetails(id, { ...(patch as Partial<AnnotationDetails>), saved: false });
    queueRef.current?.push({ type: "update", id, patch });
  };

  return (
    <div className="editor-layout">
      <div className="editor-main">
        <div className="editor-bar">
          <EditorToolbar
            mac={mac}
            canUndo={undoState.canUndo}
            canRedo={undoState.canRedo}
            onTag={(kind) => run(tagSelection(kind, newId, setMessage))}
            onUndo={() => run(undoLatest)}
            onRedo={() => run(redoLatest)}
          />
          <div className="editor-bar-status">
            <span className="muted small" data-testid="revision-number">
              Revision {text.revisionNumber} · <a href={`/articles/${article.id}/history`}>History</a>
            </span>
            <button
              type="button"
              onMouseDown={(e) => e.preventDefault()}
              onClick={saveText}
              disabled={!text.unsavedText}
              title={`Save the text as a new revision (${mac ? "⌘S" : "Ctrl+S"})`}
            >
              Save text
            </button>
            <SaveIndicator status={withTextStatus(status, textStatus)} unsavedText={text.unsavedText} />
          </div>
        </div>
        <UnsentNotices
          others={others}
          unowned={unowned}
          leftElsewhere={leftElsewhere}
          onDiscardUnowned={() => {
            discardUnowned(window.localStorage, article.id);
            setUnowned(unownedSummary(window.localStorage, article.id));
          }}
        />
        <PresenceBar people={people} live={live} />
        {message && (
          <p className="editor-message" role="alert">
            {message}
            <button type="button" className="button-quiet" onClick={() => setMessage(null)} aria-label="Dismiss message">
              ×
            </button>
          </p>
        )}
        <div ref={mountRef} className="editor-mount" data-ready={ready ? "true" : "false"} />
        {!ready && children}
      </div>
      <div className="editor-side">
        <AnnotationSidebar entries={entries} selectedId={selectedId} onSelect={select} unattributed={unattributed} />
        {selected && order.includes(selected.id) && (
          <AnnotationDetailsPanel
            annotation={selected}
            all={entries}
            canEdit={canEdit(selected)}
            onSelect={select}
            onKind={(kind) => run(updateAnnotation(selected.id, { kind }))}
            onNote={(note) => editDetails(selected.id, { note })}
            onAttributes={(attributes) => editDetails(selected.id, { attributes })}
            onLink={(type, targetId) => run(linkAnnotation(selected.id, { type, targetId }))}
            onUnlink={(type, targetId) => {
              run(unlinkAnnotation(selected.id, { type, targetId }));
              setMessage(`Link removed. Undo with ${mac ? "⌘Z" : "Ctrl+Z"} or the Undo button.`);
            }}
            review={
              actor.role === "editor"
                ? undefined
                : {
                    blockedReason: fourEyesHint(actor.id, selected),
                    onDecide: (decision, note) => void decide(selected.id, decision, note),
                  }
            }
            onDelete={() => {
              run(removeAnnotation(selected.id));
              setMessage(`Annotation deleted. Undo with ${mac ? "⌘Z" : "Ctrl+Z"} or the Undo button.`);
            }}
          />
        )}
        <OrphanedAnnotations
          orphans={orphaned.orphans}
          hasSelection={hasSelection}
          highlightedId={orphaned.highlighted}
          canReattach={orphaned.canReattach}
          onReattach={orphaned.reattach}
        />
        {!selected && entries.length > 0 && (
          <p className="muted small side-hint">
            Alt+↓ / Alt+↑ move between annotations; {UNATTRIBUTED_KEY_LABELS.next} / {UNATTRIBUTED_KEY_LABELS.previous} between unattributed claims;{" "}
            {mac ? "⌘⌥0" : "Ctrl+Alt+0"} removes the selected one.
          </p>
        )}
      </div>
    </div>
  );
}
