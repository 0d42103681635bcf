"use client";

import { memo, useEffect, useMemo, useRef, useState } from "react";
import { UNATTRIBUTED_KEY_LABELS } from "@/lib/editor/annotation-keymap";
import { stableChunks } from "@/lib/editor/stable-chunks";
import type { AnnotationKind, AnnotationStatus } from "@/lib/editor/annotations/types";
import { LabelOptions } from "@/components/label-options";
import { KIND_LABELS, STATUS_LABELS } from "@/lib/contracts/vocabulary";
import type { AnnotationDetails } from "./annotation-types";

interface Props {
  entries: AnnotationDetails[];
  selectedId: string | null;
  onSelect(id: string): void;
  /** The claims no attribution is linked to (`unattributedClaimIds`), orphaned ones included. */
  unattributed: ReadonlySet<string>;
}

const JUMP_HINT = `${UNATTRIBUTED_KEY_LABELS.next} jumps to the next one in the text, ${UNATTRIBUTED_KEY_LABELS.previous} to the previous one`;

/** Annotations in document order with kind, quote, status and author; filters by kind, status and unattributed claims. */
export const AnnotationSidebar = memo(function AnnotationSidebar({ entries, selectedId, onSelect, unattributed }: Props) {
  const [kind, setKind] = useState<AnnotationKind | "">("");
  const [status, setStatus] = useState<AnnotationStatus | "">("");
  const [onlyUnattributed, setOnlyUnattributed] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = useMemo(
    () => entries.filter((e) => (!kind || e.kind === kind) && (!status || e.status === status) && (!onlyUnattributed || unattributed.has(e.id))),
    [entries, kind, status, onlyUnattributed, unattributed],
  );
  const unattributedClaims = unattributed.size;
  // Orphans are listed under Orphaned, not here: the filter says how many of them it leaves out.
  const unattributedOrphans = onlyUnattributed ? unattributedClaims - entries.filter((e) => unattributed.has(e.id)).length : 0;
  const startsRef = useRef<ReadonlySet<string>>(new Set());
  const chunks = useMemo(() => {
    const result = stableChunks(shown, startsRef.current, CHUNK_SIZE);
    // Deterministic for its inputs, so rendering twice (strict mode, an interrupted render) is harmless.
    startsRef.current = result.starts;
    return result.chunks;
  }, [shown]);

  useEffect(() => {
    if (!selectedId) return;
    listRef.current?.querySelector(`[data-entry-id="${selectedId}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  // Arrow keys move through the list, like the Alt-arrow keys in the text.
  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const at = shown.findIndex((e) => e.id === selectedId);
    const next = shown[(at + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length];
    if (next) {
      onSelect(next.id);
      listRef.current?.querySelector<HTMLElement>(`[data-entry-id="${next.id}"]`)?.focus();
    }
  }

  return (
    <aside className="annotation-sidebar" aria-label="Annotations">
      <div className="sidebar-head">
        <h2>
          Annotations <span className="muted">({entries.length})</span>
        </h2>
        {unattributedClaims > 0 && (
          <p className="unattributed" data-testid="unattributed-claims" title={JUMP_HINT}>
            {unattributedClaims} claim{unattributedClaims === 1 ? "" : "s"} without attribution
          </p>
        )}
        <div className="sidebar-filters">
          <select aria-label="Filter by kind" value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind | "")}>
            <LabelOptions all="All kinds" labels={KIND_LABELS} />
          </select>
          <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as AnnotationStatus | "")}>
            <LabelOptions all="All statuses" labels={STATUS_LABELS} />
          </select>
          <label className="checkbox" title={`Only claims no attribution is linked to yet. ${JUMP_HINT}.`}>
            <input
              type="checkbox"
              checked={onlyUnattributed}
              onChange={(e) => setOnlyUnattributed(e.target.checked)}
              aria-keyshortcuts="Alt+Shift+ArrowDown Alt+Shift+ArrowUp"
            />{" "}
            Unattributed claims ({unattributedClaims}) <kbd>{UNATTRIBUTED_KEY_LABELS.next}</kbd>
          </label>
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="empty-hint">Select text in the article, then press Claim, Hedge or Attribution (or Ctrl+Alt+1, 2, 3).</p>
      ) : shown.length === 0 ? (
        <p className="empty-hint">
          {onlyUnattributed && unattributedClaims === 0 ? "Every claim has an attribution linked to it." : "No annotation matches these filters."}
          {unattributedOrphans > 0 && ` ${unattributedOrphans} unattributed claim${unattributedOrphans === 1 ? " is" : "s are"} orphaned (below).`}
        </p>
      ) : (
        <div className="annotation-list" role="list" ref={listRef} onKeyDown={onKeyDown}>
          {chunks.map((chunk) => (
            <SidebarChunk key={chunk[0]!.id} entries={chunk} selectedId={chunk.some((e) => e.id === selectedId) ? selectedId : null} onSelect={onSelect} />
          ))}
        </div>
      )}
      {shown.length > 0 && unattributedOrphans > 0 && (
        <p className="muted small">
          {unattributedOrphans} more unattributed claim{unattributedOrphans === 1 ? " is" : "s are"} orphaned (below).
        </p>
      )}
    </aside>
  );
});

// Entries are drawn in chunks, and the browser skips style, layout and paint of the chunks that
// are scrolled out of the list (content-visibility in globals.css). Skipping per chunk rather than
// per entry matters: the browser tracks every skippable element's visibility on every frame, which
// took several milliseconds per frame with one element per entry on a heavily tagged article, and
// so delayed the paint of each new highlight. A chunk also lets React skip unchanged entries in
// one comparison per chunk instead of one per entry. Chunks keep their boundaries as entries come
// and go (stableChunks), so a new annotation redraws one chunk: with fixed-size chunks every chunk
// after it shifted by one entry, and React rebuilt one entry's elements in each of them.
const CHUNK_SIZE = 50;

interface ChunkProps {
  entries: readonly AnnotationDetails[];
  /** The selected id when it is in this chunk, otherwise null, so other chunks do not re-render. */
  selectedId: string | null;
  onSelect(id: string): void;
}

function sameChunk(a: ChunkProps, b: ChunkProps): boolean {
  return a.selectedId === b.selectedId && a.onSelect === b.onSelect && a.entries.length === b.entries.length && a.entries.every((e, i) => e === b.entries[i]);
}

/** A run of consecutive entries; the list's items stay direct members of the list for assistive technology. */
const SidebarChunk = memo(function SidebarChunk({ entries, selectedId, onSelect }: ChunkProps) {
  return (
    <div className="annotation-chunk" role="none">
      {entries.map((e) => (
        <SidebarEntry key={e.id} entry={e} selected={e.id === selectedId} onSelect={onSelect} />
      ))}
    </div>
  );
}, sameChunk);

/** One sidebar line; memoised so that a change to one annotation re-renders one line, not thousands. */
const SidebarEntry = memo(function SidebarEntry({ entry: e, selected, onSelect }: { entry: AnnotationDetails; selected: boolean; onSelect(id: string): void }) {
  return (
    <div role="listitem">
      <button
        type="button"
        data-entry-id={e.id}
        className={`annotation-entry entry-${e.kind}${selected ? " is-selected" : ""}`}
        aria-current={selected ? "true" : undefined}
        onClick={() => onSelect(e.id)}
      >
        <span className="entry-meta">
          <span className={`kind-label kind-${e.kind}`}>{KIND_LABELS[e.kind]}</span>
          <span className={`status-badge status-${e.status}`}>{STATUS_LABELS[e.status]}</span>
          {!e.saved && <span className="muted small">unsaved</span>}
        </span>
        <span className="entry-quote">“{e.quote.exact}”</span>
        <span className="muted small">{e.createdBy.name}</span>
      </button>
    </div>
  );
});
