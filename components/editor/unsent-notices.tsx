import type { UnownedSummary } from "@/lib/editor/sync/unowned-unsent";

interface Props {
  /** How many other people have unsent work on this article in this browser. */
  others: number;
  /** Work stored by an earlier version, whose author is unknown. */
  unowned: UnownedSummary;
  /** Entries of this user's other tabs that could not be combined with this page's. */
  leftElsewhere: number;
  onDiscardUnowned(): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Short, neutral notes about unsent work in this browser that this page does not send: nobody else's
 * content is shown, only that it exists and that it is kept.
 */
export function UnsentNotices({ others, unowned, leftElsewhere, onDiscardUnowned }: Props) {
  const unownedParts = [unowned.changes > 0 ? plural(unowned.changes, "unsent change") : null, unowned.drafts > 0 ? plural(unowned.drafts, "unsaved text") : null].filter(Boolean);
  if (others === 0 && unownedParts.length === 0 && leftElsewhere === 0) return null;
  return (
    <div className="editor-notices" data-testid="unsent-notices">
      {others > 0 && (
        <p className="editor-notice muted small" data-testid="others-unsent">
          {others === 1 ? "Someone else who used this browser has" : `${others} other people who used this browser have`} unsaved work on this
          article. It is kept for them and sent when they sign in again; none of it is sent under your name.
        </p>
      )}
      {unownedParts.length > 0 && (
        <p className="editor-notice muted small" data-testid="unowned-unsent">
          This browser holds {unownedParts.join(" and ")} for this article from an earlier version of Newsmark, with no record of who made
          them. They were not sent, so nothing is saved under the wrong name.{" "}
          <button type="button" className="button-quiet" onClick={onDiscardUnowned}>
            Discard them
          </button>
        </p>
      )}
      {leftElsewhere > 0 && (
        <p className="editor-notice muted small" data-testid="left-elsewhere">
          Unsent work of yours on this article from another tab is kept in this browser. It opens when you reload this page once
          your changes here are saved.
        </p>
      )}
    </div>
  );
}
