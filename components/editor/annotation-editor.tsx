"use client";

import { baseKeymap } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { Node } from "prosemirror-model";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { anchorRange } from "@/lib/anchoring/anchor-range";
import { annotationKeymap } from "@/lib/editor/annotation-keymap";
import {
  annotationPlugin,
  getAnnotationMeta,
  getAnnotationState,
  inDocumentOrder,
  redoAnnotation,
  removeAnnotation,
  undoAnnotation,
  updateAnnotation,
  withAnnotationAction,
  type AnnotationAction,
  type AnnotationKind,
  type EditorAnnotation,
} from "@/lib/editor/annotations";
import { newId } from "@/lib/editor/new-id";
import { readOnlyText } from "@/lib/editor/read-only-text";
import { schema } from "@/lib/editor/schema";
import { SyncQueue, type SyncProblem, type SyncStatus } from "@/lib/editor/sync/sync-queue";
import { tagSelection } from "@/lib/editor/tag-selection";
import type { ArticleDetail } from "@/lib/server/articles/get-article";
import type { Actor } from "@/lib/server/actor";
import type { AnnotationJson } from "@/lib/server/annotations/annotation-json";
import { sendReview } from "@/components/review/review-decision";
import { AnnotationDetailsPanel } from "./annotation-details";
import { AnnotationSidebar } from "./annotation-sidebar";
import { detailsFrom, type AnnotationDetails } from "./annotation-types";
import { EditorToolbar } from "./editor-toolbar";
import { replayUnsent } from "./replay-unsent";
import { SaveIndicator } from "./save-indicator";

interface Props {
  initial: ArticleDetail;
  actor: Actor;
  /** The article rendered on the server, shown until the editor has mounted. */
  children?: ReactNode;
}

const toEditor = (a: AnnotationJson): EditorAnnotation => ({ id: a.id, kind: a.kind, from: a.from, to: a.to, status: a.status });

/**
 * The annotation editor: the article in ProseMirror with highlights drawn by the annotation plugin,
 * a toolbar and shortcuts to tag, a sidebar, and a sync queue that saves every change through the
 * public API and survives flaky networks and reloads.
 */
export function AnnotationEditor({ initial, actor, children }: Props) {
  const { article, revision } = initial;
  const mountRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const queueRef = useRef<SyncQueue | null>(null);
  const [details, setDetails] = useState(() => new Map(initial.annotations.map((a) => [a.id, detailsFrom(a)])));
  const detailsRef = useRef(details);
  detailsRef.current = details;
  const [order, setOrder] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<SyncStatus>({ state: "saved" });
  const [message, setMessage] = useState<string | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [ready, setReady] = useState(false);
  const mac = useMemo(() => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform), []);

  const patchDetails = useCallback((id: string, patch: Partial<AnnotationDetails> | ((d: AnnotationDetails) => AnnotationDetails)) => {
    setDetails((map) => {
      const current = map.get(id);
      if (!current) return map;
      const next = new Map(map);
      next.set(id, typeof patch === "function" ? patch(current) : { ...current, ...patch });
      return next;
    });
  }, []);

  /** Mirrors the plugin's state into React: document order and what can be undone. */
  const reflect = useCallback((state: EditorState, previous?: EditorState) => {
    const annotations = getAnnotationState(state);
    if (!previous || getAnnotationState(previous).annotations !== annotations.annotations) {
      setOrder(inDocumentOrder(annotations.annotations.values()).map((a) => a.id));
    }
    setHistory({ canUndo: annotations.history.undo.length > 0, canRedo: annotations.history.redo.length > 0 });
  }, []);

  /** Sends one applied annotation action to the server (actions from the server itself are not echoed). */
  const sync = useCallback(
    (action: AnnotationAction, state: EditorState) => {
      const queue = queueRef.current!;
      if (action.type === "add") {
        const a = action.annotation;
        const span = anchorRange(state.doc, a.from, a.to);
        const known = detailsRef.current.get(a.id);
        const quote = span.ok ? span.quote : (known?.quote ?? { exact: state.doc.textBetween(a.from, a.to, "\n\n", "\n"), prefix: "", suffix: "" });
        setDetails((map) =>
          new Map(map).set(a.id, {
            ...(known ?? { note: "", attributes: {}, links: [], createdBy: { id: actor.id, name: actor.name }, reviewNote: null }),
            id: a.id,
            kind: a.kind,
            status: "pending",
            quote,
            saved: false,
          }),
        );
        queue.push({
          type: "create",
          id: a.id,
          body: { revisionId: revision.id, kind: a.kind, from: a.from, to: a.to, ...(known ? { note: known.note, attributes: known.attributes } : {}) },
        });
      } else if (action.type === "remove") {
        queue.push({ type: "delete", id: action.id });
      } else if (action.type === "update" && action.patch.kind) {
        patchDetails(action.id, { kind: action.patch.kind, saved: false });
        queue.push({ type: "update", id: action.id, patch: { kind: action.patch.kind } });
      }
    },
    [actor.id, actor.name, patchDetails, revision.id],
  );

  /** Reloads the article's annotations from the server (after a refused change) and redraws them. */
  const refetch = useCallback(async () => {
    const res = await fetch(`/api/articles/${article.id}`);
    if (!res.ok) return;
    const fresh = (await res.json()) as ArticleDetail;
    const queue = queueRef.current!;
    const current = fresh.annotations.filter((a) => a.revisionId === revision.id);
    for (const a of current) queue.setVersion(a.id, a.version);
    setDetails((map) => {
      const next = new Map(map);
      for (const a of current) next.set(a.id, detailsFrom(a));
      return next;
    });
    const view = viewRef.current;
    if (view) {
      const annotations = replayUnsent(current.map(toEditor), queue.unsent);
      view.dispatch(withAnnotationAction(view.state.tr, { type: "replaceAll", annotations }, "remote"));
    }
  }, [article.id, revision.id]);

  useEffect(() => {
    const queue = new SyncQueue({
      articleId: article.id,
      fetch: (...args) => window.fetch(...args),
      storage: window.localStorage,
      onStatus: setStatus,
      onSaved(id, body) {
        if (body && typeof body.id === "string") {
          const a = body as unknown as AnnotationJson;
          setDetails((map) => new Map(map).set(id, detailsFrom(a)));
        }
      },
      onProblem(problem: SyncProblem) {
        const quote = detailsRef.current.get(problem.operation.id)?.quote.exact;
        const what = quote ? ` on “${quote.slice(0, 60)}”` : "";
        setMessage(
          problem.code === "conflict"
            ? `Someone else changed this annotation${what} meanwhile, so your change was not applied. The latest version is shown.`
            : `Your change${what} was not saved: ${problem.message}`,
        );
        void refetch();
      },
    });
    queueRef.current = queue;
    const serverAnnotations = initial.annotations.filter((a) => a.revisionId === revision.id);
    for (const a of serverAnnotations) queue.setVersion(a.id, a.version);

    const doc = Node.fromJSON(schema, revision.doc);
    const drawn = replayUnsent(serverAnnotations.map(toEditor), queue.unsent);
    // Unsent creates from before a reload need their details back for the sidebar.
    const missing = drawn.filter((a) => !detailsRef.current.has(a.id));
    if (missing.length > 0) {
      setDetails((map) => {
        const next = new Map(map);
        for (const a of missing) {
          const span = anchorRange(doc, a.from, a.to);
          next.set(a.id, {
            id: a.id,
            kind: a.kind,
            status: "pending",
            note: "",
            attributes: {},
            links: [],
            reviewNote: null,
            createdBy: { id: actor.id, name: actor.name },
            quote: span.ok ? span.quote : { exact: "", prefix: "", suffix: "" },
            saved: false,
          });
        }
        return next;
      });
    }

    const tag = (kind: AnnotationKind) => tagSelection(kind, newId, setMessage);
    const state = EditorState.create({
      doc,
      plugins: [
        annotationPlugin({ initial: drawn, onSelect: setSelectedId }),
        annotationKeymap(tag),
        readOnlyText(),
        keymap(baseKeymap),
      ],
    });
    const view = new EditorView(mountRef.current!, {
      state,
      attributes: { class: "article-body editor-surface", "aria-label": "Article text", "aria-readonly": "true", spellcheck: "false" },
      dispatchTransaction(tr: Transaction) {
        const previous = view.state;
        const next = previous.apply(tr);
        view.updateState(next);
        const meta = getAnnotationMeta(tr);
        // The highlight is already drawn; React's sidebar work may wait so the next frame paints first.
        startTransition(() => {
          if (meta && meta.origin !== "remote") {
            if (meta.action.type !== "select") setMessage(null);
            sync(meta.action, next);
          }
          reflect(next, previous);
        });
      },
    });
    viewRef.current = view;
    reflect(view.state);
    setReady(true);
    if (queue.size > 0) queue.retryNow();
    const online = () => queue.retryNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      view.destroy();
      viewRef.current = null;
    };
    // The editor is created once per revision; later renders talk to it through the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision.id]);

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
  const unattributedClaims = useMemo(() => {
    const attributed = new Set(entries.flatMap((e) => (e.kind === "attribution" ? e.links.map((l) => l.targetId) : [])));
    return entries.filter((e) => e.kind === "claim" && !attributed.has(e.id)).length;
  }, [entries]);
  const selected = selectedId ? details.get(selectedId) : undefined;
  const canEdit = (d: AnnotationDetails) => actor.role !== "editor" || (d.createdBy.id === actor.id && d.status === "pending");

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
    setDetails((map) => new Map(map).set(id, detailsFrom(outcome.annotation)));
    const view = viewRef.current;
    if (view) view.dispatch(withAnnotationAction(view.state.tr, { type: "update", id, patch: { status: outcome.annotation.status } }, "remote"));
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
            canUndo={history.canUndo}
            canRedo={history.canRedo}
            onTag={(kind) => run(tagSelection(kind, newId, setMessage))}
            onUndo={() => run(undoAnnotation)}
            onRedo={() => run(redoAnnotation)}
          />
          <SaveIndicator status={status} />
        </div>
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
        <AnnotationSidebar entries={entries} selectedId={selectedId} onSelect={select} unattributedClaims={unattributedClaims} />
        {selected && order.includes(selected.id) && (
          <AnnotationDetailsPanel
            annotation={selected}
            all={entries}
            canEdit={canEdit(selected)}
            onSelect={select}
            onKind={(kind) => run(updateAnnotation(selected.id, { kind }))}
            onNote={(note) => editDetails(selected.id, { note })}
            onAttributes={(attributes) => editDetails(selected.id, { attributes })}
            onLink={(type, targetId) => {
              patchDetails(selected.id, (d) => ({ ...d, links: [...d.links, { type, targetId }], saved: false }));
              queueRef.current?.push({ type: "link", id: selected.id, body: { type, targetId } });
            }}
            review={
              actor.role === "editor"
                ? undefined
                : {
                    blockedReason: selected.createdBy.id === actor.id ? "Your own annotation: another reviewer must review it." : undefined,
                    onDecide: (decision, note) => void decide(selected.id, decision, note),
                  }
            }
            onDelete={() => {
              run(removeAnnotation(selected.id));
              setMessage("Annotation deleted. Undo with Ctrl+Z or the Undo button.");
            }}
          />
        )}
        {!selected && entries.length > 0 && <p className="muted small side-hint">Alt+↓ / Alt+↑ move between annotations; Delete removes the selected one.</p>}
      </div>
    </div>
  );
}
