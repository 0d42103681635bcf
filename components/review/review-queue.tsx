"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { KIND_LABELS } from "@/lib/contracts/vocabulary";
import { LabelOptions } from "@/components/label-options";
import { fourEyesHint } from "@/lib/review/four-eyes";
import type { ActorJson as Actor } from "@/lib/contracts/users";
import type { QueueItem, QueuePage } from "@/lib/contracts/review";
import { currentAfterMerge, mergeQueuePage } from "@/lib/review/merge-queue-page";
import { QueueItemChange } from "./queue-item-change";
import { RejectReasonForm } from "./reject-reason-form";
import { sendReview } from "./review-decision";
import { useLiveQueue } from "./use-live-queue";

interface Props {
  initial: QueuePage;
  actor: Actor;
  filters: Record<string, string>;
  options: { authors: { id: string; name: string }[]; articles: { id: string; title: string }[] };
}

/** Said when approval is asked for an orphan: the server refuses it too, but the reviewer should not need a round trip to learn why. */
const REATTACH_FIRST = "It is orphaned: its text was removed in a correction. Re-attach it to text before approving, or reject it to dismiss it.";

/** Statuses that keep an item in the queue after a refused decision tells us its current state. */
const STILL_WAITING = new Set<string>(["pending", "orphaned"]);

/** The queue's own keys. */
const QUEUE_KEYS = new Set(["j", "k", "a", "r", "x"]);

/** What a fresh read changed, in a few words; null when nothing did. */
function describeUpdate({ added, removed, changed }: { added: number; removed: number; changed: number }, lostCurrent: boolean): string | null {
  const parts = [added && `${added} new`, removed && `${removed} gone`, changed && `${changed} changed`].filter(Boolean);
  if (parts.length === 0) return null;
  const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return `Updated ${time}: ${parts.join(", ")}.${lostCurrent ? " The one you were on was decided or removed elsewhere." : ""}`;
}

/** The keyboard-driven queue: j/k move, a approves, r rejects with a reason, x selects for bulk approval. */
export function ReviewQueue({ initial, actor, filters, options }: Props) {
  const kind = filters.kind ?? "";
  const router = useRouter();
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [index, setIndex] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Said politely when a live update changed the list. */
  const [updated, setUpdated] = useState<string | null>(null);
  /** The counts of the last live read, while they are newer than the page's (a router refresh brings newer ones). */
  const [freshCounts, setFreshCounts] = useState<{ of: QueuePage; total: number; orphaned: number } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  /** Set by the queue's keys: the focus then follows the current item, so a screen reader reads each one as it comes. */
  const focusFollows = useRef(false);
  const canReview = actor.role !== "editor";
  // After a decision removes the last item, the cursor stays on what is now last.
  const at = Math.min(index, Math.max(items.length - 1, 0));
  const current = items[at];
  const currentId = current?.id;
  // The four-eyes rule: their own annotations, and those whose substance they changed, wait for another reviewer.
  const blockedHint = (item: QueueItem) => fourEyesHint(actor.id, item);
  const canReattach = (item: QueueItem) => canReview || item.createdBy.id === actor.id;
  const counts = freshCounts?.of === initial ? freshCounts : initial;

  // Changes made anywhere arrive here: merged keeping the current item, the selection and the focus.
  const live = useLiveQueue({
    filters,
    shown: items.length,
    // Never under the reviewer's hands: a reject form open, or a decision on its way.
    held: rejecting !== null || busy,
    onPage(page) {
      const merged = mergeQueuePage({ items, nextCursor: cursor }, page);
      const next = currentAfterMerge(items, merged.items, at);
      setItems(merged.items);
      setCursor(merged.nextCursor);
      setIndex(next);
      setSelected((s) => new Set([...s].filter((id) => merged.items.some((i) => i.id === id))));
      setFreshCounts({ of: initial, total: page.total, orphaned: page.orphaned });
      const said = describeUpdate(merged, currentId !== undefined && !merged.items.some((i) => i.id === currentId));
      if (said) {
        setUpdated(said);
        router.refresh(); // The pending count in the header.
      }
    },
  });

  const remove = useCallback((ids: string[]) => {
    setItems((list) => list.filter((i) => !ids.includes(i.id)));
    setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
  }, []);

  const decide = useCallback(
    async (item: QueueItem, decision: "approve" | "reject", note?: string) => {
      if (!canReview || blockedHint(item)) return;
      if (decision === "approve" && item.status === "orphaned") {
        setMessage(`“${item.quote.exact.slice(0, 60)}” was not approved. ${REATTACH_FIRST}`);
        return;
      }
      setBusy(true);
      const outcome = await sendReview(item.id, item.version, decision, note);
      setBusy(false);
      if (outcome.ok) {
        remove([item.id]);
        setMessage(`${decision === "approve" ? "Approved" : "Rejected"} “${item.quote.exact.slice(0, 60)}”.`);
      } else {
        setMessage(outcome.message);
        if (outcome.current === null || (outcome.current && !STILL_WAITING.has(outcome.current.status))) remove([item.id]);
        else if (outcome.current) setItems((list) => list.map((i) => (i.id === item.id ? { ...i, ...outcome.current! } : i)));
      }
      router.refresh(); // The pending count in the header.
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [canReview, remove, router],
  );

  const approveSelected = async () => {
    const chosen = items.filter((i) => selected.has(i.id) && !blockedHint(i) && i.status !== "orphaned");
    const orphans = items.filter((i) => selected.has(i.id) && !blockedHint(i) && i.status === "orphaned").length;
    for (const item of chosen) await decide(item, "approve");
    const skipped = orphans ? ` Skipped ${orphans} orphaned: re-attach them to text before approving.` : "";
    setMessage(`Approved ${chosen.length} annotation${chosen.length === 1 ? "" : "s"}.${skipped}`);
  };

  const loadMore = async () => {
    if (!cursor) return;
    const res = await fetch(`/api/review/queue?${new URLSearchParams({ ...filters, cursor })}`);
    if (!res.ok) return setMessage("Could not load more; try again.");
    const page = (await res.json()) as Props["initial"];
    setItems((list) => [...list, ...page.items.filter((i) => !list.some((x) => x.id === i.id))]);
    setCursor(page.nextCursor);
  };

  useEffect(() => {
    const item = listRef.current?.querySelector<HTMLElement>(`[data-queue-index="${at}"]`);
    item?.scrollIntoView({ block: "nearest" });
    // Also after a decision removed the focused item, or the reject form closed, which would leave the
    // focus nowhere; never away from something else the reviewer went to (a filter, a link).
    const focus = document.activeElement;
    const free = !focus || focus === document.body || Boolean(listRef.current?.contains(focus));
    if (focusFollows.current && !rejecting && free) item?.focus({ preventScroll: true });
  }, [at, currentId, rejecting]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (rejecting || busy || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target.closest("input, textarea, select")) return;
      if (QUEUE_KEYS.has(event.key)) focusFollows.current = true;
      if (event.key === "j") setIndex(Math.min(at + 1, Math.max(items.length - 1, 0)));
      else if (event.key === "k") setIndex(Math.max(at - 1, 0));
      else if (event.key === "a" && current) void decide(current, "approve");
      else if (event.key === "r" && current && canReview && !blockedHint(current)) setRejecting(current.id);
      else if (event.key === "x" && current)
        setSelected((s) => {
          const next = new Set(s);
          if (next.has(current.id)) next.delete(current.id);
          else next.add(current.id);
          return next;
        });
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, at, current, rejecting, busy, decide, canReview]);

  return (
    <div className="review-queue" data-live={live}>
      <div className="queue-bar">
        {/* Applied by the button, not on change: on a closed select every arrow key is a change, which
            reloaded the page before a keyboard user could reach the option they wanted. */}
        <form action="/review" className="filters">
          <select name="kind" defaultValue={kind} aria-label="Filter by kind">
            <LabelOptions all="All kinds" labels={KIND_LABELS} />
          </select>
          <select name="articleId" defaultValue={filters.articleId ?? ""} aria-label="Filter by article">
            <option value="">All articles</option>
            {options.articles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title.length > 60 ? `${a.title.slice(0, 60)}…` : a.title}
              </option>
            ))}
          </select>
          <select name="authorId" defaultValue={filters.authorId ?? ""} aria-label="Filter by author">
            <option value="">All authors</option>
            {options.authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button-secondary">
            Filter
          </button>
        </form>
        <span className="muted" data-testid="queue-total">
          {counts.total} pending
        </span>
        {counts.orphaned > 0 && (
          <span className="muted" data-testid="queue-orphaned">
            {counts.orphaned} orphaned
          </span>
        )}
        {canReview && (
          <button type="button" className="button-primary" disabled={selected.size === 0 || busy} onClick={() => void approveSelected()}>
            Approve selected ({selected.size})
          </button>
        )}
      </div>
      {!canReview && <p className="muted">Editors can follow the queue; reviewers and admins decide.</p>}
      {/* Always there, so that screen readers announce what appears in it; polite, never interrupting. */}
      <p className="muted small queue-updated" aria-live="polite" data-testid="queue-updated">
        {live === "paused" ? "Live updates paused: reconnecting…" : updated}
      </p>
      {message && (
        <p role="status" className="editor-message">
          {message}
        </p>
      )}
      {items.length === 0 ? (
        <div className="empty-state">
          <p>Nothing waits for review. Well done.</p>
        </div>
      ) : (
        <ol className="queue-list" ref={listRef} aria-label="Annotations to review">
          {items.map((item, i) => {
            const blocked = blockedHint(item);
            const orphaned = item.status === "orphaned";
            return (
              <li
                key={item.id}
                data-queue-index={i}
                data-testid="queue-item"
                className={`queue-item${i === at ? " is-current" : ""}${selected.has(item.id) ? " is-chosen" : ""}${orphaned ? " is-orphaned" : ""}`}
                aria-current={i === at ? "true" : undefined}
                tabIndex={-1}
                onClick={() => setIndex(i)}
              >
                <div className="entry-meta">
                  <span className={`kind-label kind-${item.kind}`}>{KIND_LABELS[item.kind]}</span>
                  <span className="muted small">
                    by {item.createdBy.name} in <Link href={`/articles/${item.article.id}`}>{item.article.title}</Link>
                  </span>
                  {selected.has(item.id) && <span className="status-badge">selected</span>}
                </div>
                <QueueItemChange item={item} canReattach={canReattach(item)} />
                <p className="queue-quote">
                  {orphaned && <span className="queue-old-label small muted">Old text: </span>}
                  <span className="muted">…{item.quote.prefix}</span>
                  <mark className={`annotation annotation-${item.kind}`}>{item.quote.exact}</mark>
                  <span className="muted">{item.quote.suffix}…</span>
                </p>
                {item.note && <p className="small">Note: {item.note}</p>}
                {canReview && (
                  <div className="queue-actions">
                    <button
                      type="button"
                      disabled={Boolean(blocked) || busy}
                      aria-disabled={orphaned || undefined}
                      title={blocked ?? (orphaned ? "Re-attach it to text before approving" : "Approve (a)")}
                      onClick={() => void decide(item, "approve")}
                    >
                      Approve
                    </button>
                    <button type="button" disabled={Boolean(blocked) || busy} title={blocked ?? "Reject (r)"} onClick={() => setRejecting(item.id)}>
                      Reject
                    </button>
                    {blocked && (
                      <span className="muted small" data-testid="four-eyes-hint">
                        {blocked}
                      </span>
                    )}
                  </div>
                )}
                {rejecting === item.id && (
                  <RejectReasonForm
                    onCancel={() => setRejecting(null)}
                    onReject={(reason) => {
                      setRejecting(null);
                      void decide(item, "reject", reason);
                    }}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      {cursor && (
        <button type="button" className="button-secondary" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </div>
  );
}
