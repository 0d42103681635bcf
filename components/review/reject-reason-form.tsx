"use client";

interface Props {
  onReject(reason: string): void;
  onCancel(): void;
}

/** Asks for the reason shown to the author; Enter sends it (Shift+Enter for a new line), Escape cancels. */
export function RejectReasonForm({ onReject, onCancel }: Props) {
  return (
    <form
      className="reject-form"
      onSubmit={(e) => {
        e.preventDefault();
        const reason = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
        if (reason) onReject(reason);
      }}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <label>
        Reason for rejecting (shown to the author)
        <textarea
          name="reason"
          rows={2}
          required
          autoFocus
          maxLength={2000}
          // Enter sends the rejection, so reviewing never needs the mouse.
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      <div className="row">
        <button type="submit" className="button-primary">
          Reject
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
