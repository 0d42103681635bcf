"use client";

import { useState } from "react";
import type { HistoryEntry } from "@/lib/contracts/annotations";

const ACTIONS: Record<string, string> = {
  "annotation.create": "tagged",
  "annotation.update": "edited",
  "annotation.delete": "deleted",
  "annotation.restore": "restored",
  "annotation.link": "linked",
  "annotation.unlink": "unlinked",
  "annotation.approve": "approved",
  "annotation.reject": "rejected",
};

type Substance = { substanceAt?: string } | null;

/** An edit that changed what the annotation says makes its author the one who may not review it: the history says so. */
function describe(e: HistoryEntry): string {
  const decided = e.action === "annotation.update" && (e.before as Substance)?.substanceAt !== (e.after as Substance)?.substanceAt;
  return decided ? "changed what it says (kind, span or attributes)" : (ACTIONS[e.action] ?? e.action);
}

/** Who did what to one annotation, loaded when asked for. */
export function AnnotationHistoryPanel({ id }: { id: string }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!entries) {
    return (
      <div>
        <button
          type="button"
          className="button-quiet"
          onClick={async () => {
            const res = await fetch(`/api/annotations/${id}/history`).catch(() => null);
            if (res?.ok) setEntries((await res.json()) as HistoryEntry[]);
            else setError("Could not load the history; try again.");
          }}
        >
          Show history
        </button>
        {error && <p className="small form-error">{error}</p>}
      </div>
    );
  }
  return (
    <ol className="history-list" aria-label="History" data-testid="annotation-history">
      {entries.map((e, i) => (
        <li key={i}>
          <strong>{e.actor?.name ?? "An operator"}</strong> {describe(e)}{" "}
          <time dateTime={e.at} className="muted">
            {new Date(e.at).toLocaleString()}
          </time>
          {e.action === "annotation.reject" && (e.after as { reviewNote?: string } | null)?.reviewNote && (
            <div className="small">Reason: {(e.after as { reviewNote: string }).reviewNote}</div>
          )}
        </li>
      ))}
    </ol>
  );
}
