"use client";

import { useState } from "react";
import { RejectReasonForm } from "@/components/review/reject-reason-form";
import { AnnotationHistoryPanel } from "./annotation-history-panel";
import type { AnnotationKind } from "@/lib/editor/annotations/types";
import { KIND_LABELS, linkTypeOf, STATUS_LABELS, type LinkType } from "@/lib/contracts/vocabulary";
import type { AnnotationDetails } from "./annotation-types";

interface Props {
  annotation: AnnotationDetails;
  all: AnnotationDetails[];
  canEdit: boolean;
  onKind(kind: AnnotationKind): void;
  onNote(note: string): void;
  onAttributes(attributes: Record<string, unknown>): void;
  onLink(type: LinkType, targetId: string): void;
  onUnlink(type: LinkType, targetId: string): void;
  onDelete(): void;
  onSelect(id: string): void;
  /** For reviewers and admins; `blockedReason` says why this one cannot be reviewed by them. */
  review?: { blockedReason?: string; onDecide(decision: "approve" | "reject", note?: string): void };
}

const SOURCE_TYPES = ["person", "organisation", "document", "anonymous"] as const;

/** The selected annotation: kind, note, kind-specific attributes, links ("who said what"), delete. */
export function AnnotationDetailsPanel({ annotation: a, all, canEdit, onKind, onNote, onAttributes, onLink, onUnlink, onDelete, onSelect, review }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const attrs = (a.attributes ?? {}) as Record<string, unknown>;
  const claims = all.filter((x) => x.kind === "claim");
  const byId = new Map(all.map((x) => [x.id, x]));
  const linkType = linkTypeOf(a.kind);
  // The claim picked to link, kept until "Add link": linking on every change of the select would,
  // for a keyboard user arrowing through it, link each claim passed on the way.
  const [choice, setChoice] = useState({ for: a.id, target: "" });
  const chosen = choice.for === a.id ? choice.target : "";
  const linked = a.links.flatMap((link) => {
    const target = byId.get(link.targetId);
    return target ? [{ link, target }] : [];
  });
  const saidBy = all.filter((x) => x.links.some((l) => l.targetId === a.id && l.type === "attributes"));
  const qualifiedBy = all.filter((x) => x.links.some((l) => l.targetId === a.id && l.type === "qualifies"));

  return (
    <section className="annotation-details" aria-label="Selected annotation">
      <div className="details-head">
        <span className={`kind-label kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
        <span className={`status-badge status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
        <span className="muted small">by {a.createdBy.name}</span>
      </div>
      <blockquote className="details-quote">{a.quote.exact}</blockquote>
      {a.reviewNote && <p className="small review-note">Reviewer’s reason: {a.reviewNote}</p>}
      {review && a.saved && (
        <div className="review-actions">
          <button type="button" className="button-primary" disabled={Boolean(review.blockedReason) || a.status === "approved"} title={review.blockedReason} onClick={() => review.onDecide("approve")}>
            Approve
          </button>
          <button type="button" disabled={Boolean(review.blockedReason) || a.status === "rejected"} title={review.blockedReason} onClick={() => setRejecting(true)}>
            Reject
          </button>
          {review.blockedReason && <span className="muted small">{review.blockedReason}</span>}
        </div>
      )}
      {review && rejecting && (
        <RejectReasonForm
          onCancel={() => setRejecting(false)}
          onReject={(reason) => {
            setRejecting(false);
            review.onDecide("reject", reason);
          }}
        />
      )}
      {!canEdit && <p className="muted small">Only the author (while pending) or a reviewer can change this annotation.</p>}
      <label>
        Kind
        <select aria-label="Kind" value={a.kind} disabled={!canEdit} onChange={(e) => onKind(e.target.value as AnnotationKind)}>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note
        <textarea
          // Keyed by the saved note, so a change from the server replaces what is shown.
          key={`${a.id}:${a.note}`}
          rows={3}
          defaultValue={a.note}
          disabled={!canEdit}
          maxLength={5000}
          onBlur={(e) => e.target.value !== a.note && onNote(e.target.value)}
        />
      </label>
      {a.kind === "attribution" && (
        <div className="row">
          <label>
            Source name
            <input
              defaultValue={String(attrs.sourceName ?? "")}
              key={`${a.id}-source`}
              disabled={!canEdit}
              onBlur={(e) => e.target.value !== (attrs.sourceName ?? "") && onAttributes({ ...attrs, sourceName: e.target.value })}
            />
          </label>
          <label>
            Source type
            <select
              value={String(attrs.sourceType ?? "")}
              disabled={!canEdit}
              onChange={(e) => onAttributes({ ...attrs, sourceType: e.target.value || undefined })}
            >
              <option value="">Not set</option>
              {SOURCE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {a.kind === "claim" && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={attrs.checkWorthy === true}
            disabled={!canEdit}
            onChange={(e) => onAttributes({ ...attrs, checkWorthy: e.target.checked })}
          />{" "}
          Check-worthy
        </label>
      )}
      {linkType && (
        <div className="links">
          <label>
            {linkType === "attributes" ? "Attributes the claim" : "Qualifies the claim"}
            <select value={chosen} disabled={!canEdit || claims.length === 0} onChange={(e) => setChoice({ for: a.id, target: e.target.value })}>
              <option value="">{claims.length === 0 ? "No claims to link yet" : "Choose a claim…"}</option>
              {claims
                .filter((c) => !a.links.some((l) => l.targetId === c.id))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.quote.exact.slice(0, 80)}
                  </option>
                ))}
            </select>
          </label>
          {canEdit && (
            <button
              type="button"
              className="button-secondary"
              disabled={!chosen}
              onClick={() => {
                onLink(linkType, chosen);
                setChoice({ for: a.id, target: "" });
              }}
            >
              Add link
            </button>
          )}
          {linked.length > 0 && (
            <ul className="linked">
              {linked.map(({ link, target: t }) => (
                <li key={`${link.type}:${t.id}`}>
                  <button type="button" className="link-button" onClick={() => onSelect(t.id)}>
                    “{t.quote.exact}”
                  </button>
                  {canEdit && (
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={`Remove link to “${t.quote.exact.slice(0, 80)}”`}
                      title="Remove this link (undo with Ctrl+Z)"
                      onClick={() => onUnlink(link.type, t.id)}
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {a.kind === "claim" && (
        <div className="who-said-what" data-testid="who-said-what">
          <h3>Who said what</h3>
          {saidBy.length === 0 ? (
            <p className="muted small">No attribution linked to this claim yet.</p>
          ) : (
            <ul className="linked">
              {saidBy.map((s) => (
                <li key={s.id}>
                  <button type="button" className="link-button" onClick={() => onSelect(s.id)}>
                    {String((s.attributes as Record<string, unknown>)?.sourceName || s.quote.exact)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {qualifiedBy.length > 0 && <p className="small">Hedged by: {qualifiedBy.map((q) => `“${q.quote.exact}”`).join(", ")}</p>}
        </div>
      )}
      <AnnotationHistoryPanel key={a.id} id={a.id} />
      {canEdit && (
        <button type="button" className="button-danger" onClick={onDelete}>
          Delete annotation
        </button>
      )}
    </section>
  );
}
