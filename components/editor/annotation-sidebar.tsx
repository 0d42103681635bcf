"use client";

import { memo, useEffect, useRef, useState } from "react";
import type { AnnotationKind, AnnotationStatus } from "@/lib/editor/annotations/types";
import { LabelOptions } from "@/components/label-options";
import { KIND_LABELS, STATUS_LABELS, type AnnotationDetails } from "./annotation-types";

interface Props {
  entries: AnnotationDetails[];
  selectedId: string | null;
  onSelect(id: string): void;
  unattributedClaims: number;
}

/** Annotations in document order with kind, quote, status and author; filters by kind and status. */
export const AnnotationSidebar = memo(function AnnotationSidebar({ entries, selectedId, onSelect, unattributedClaims }: Props) {
  const [kind, setKind] = useState<AnnotationKind | "">("");
  const [status, setStatus] = useState<AnnotationStatus | "">("");
  const listRef = useRef<HTMLOListElement>(null);
  const shown = entries.filter((e) => (!kind || e.kind === kind) && (!status || e.status === status));

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
          <p className="unattributed" data-testid="unattributed-claims">
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
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="empty-hint">Select text in the article, then press Claim, Hedge or Attribution (or Ctrl+Alt+1, 2, 3).</p>
      ) : shown.length === 0 ? (
        <p className="empty-hint">No annotation matches these filters.</p>
      ) : (
        <ol className="annotation-list" ref={listRef} onKeyDown={onKeyDown}>
          {shown.map((e) => (
            <SidebarEntry key={e.id} entry={e} selected={e.id === selectedId} onSelect={onSelect} />
          ))}
        </ol>
      )}
    </aside>
  );
});

/** One sidebar line; memoised so that a change to one annotation re-renders one line, not thousands. */
const SidebarEntry = memo(function SidebarEntry({ entry: e, selected, onSelect }: { entry: AnnotationDetails; selected: boolean; onSelect(id: string): void }) {
  return (
    <li>
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
    </li>
  );
});
