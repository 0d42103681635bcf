interface Props {
  /** "conflict": someone saved a newer revision; "refused": the server refused the text for another reason. */
  kind: "conflict" | "refused";
  message: string;
  onOverwrite(): void;
  onDiscard(): void;
}

/**
 * Shown when the edited text could not be saved. The text stays in the editor (and in the
 * browser's storage) until the user chooses, so nothing typed is lost.
 */
export function TextConflictBanner({ kind, message, onOverwrite, onDiscard }: Props) {
  return (
    <section className="text-conflict" role="alert" aria-label="Text not saved">
      <p>
        <strong>{kind === "conflict" ? "Your text was not saved: the article changed meanwhile." : "Your text was not saved."}</strong> {message}
      </p>
      <p className="muted small">Your edits are kept here, and in this browser if you reload, until you choose.</p>
      <div className="text-conflict-actions">
        <button type="button" onClick={onOverwrite}>
          {kind === "conflict" ? "Save my text as the newest revision" : "Try again"}
        </button>
        <button type="button" className="button-danger" onClick={onDiscard}>
          Discard my text and load the latest
        </button>
      </div>
    </section>
  );
}
