import type { DiffSegment } from "@/lib/contracts/revisions";

// Unchanged runs of more whole paragraphs than this fold away, so a one-word correction in a long article is easy to find.
const FOLD_AFTER = 2;

/** Shared text; long runs of untouched paragraphs fold into a disclosure. */
function Unchanged({ text, first, last }: { text: string; first: boolean; last: boolean }) {
  const paragraphs = text.split("\n\n");
  // The paragraphs that neighbouring changes sit in stay in view; only whole paragraphs between them fold.
  const head = first ? 0 : 1;
  const tail = last ? 0 : 1;
  const hidden = paragraphs.length - head - tail;
  if (hidden <= FOLD_AFTER) return <>{text}</>;
  return (
    <>
      {head > 0 && `${paragraphs[0]}\n\n`}
      <details className="diff-unchanged">
        <summary>{hidden} unchanged paragraphs</summary>
        {paragraphs.slice(head, head + hidden).join("\n\n")}
      </details>
      {/* One line break after a block: together with the block's own end it makes the usual paragraph gap. */}
      {tail > 0 && `\n${paragraphs[paragraphs.length - 1]}`}
    </>
  );
}

/** An inserted or deleted stretch; a change of paragraph breaks alone shows as a pilcrow, which a reader can see. */
function Change({ text, inserted }: { text: string; inserted: boolean }) {
  const breakOnly = text.trim() === "" && text.includes("\n");
  const label = breakOnly ? (inserted ? "paragraph break inserted" : "paragraph break deleted") : inserted ? "inserted" : "deleted";
  // A deleted break is not in the newer text, so it is drawn as a mark rather than as a line break.
  const shown = breakOnly ? (inserted ? `¶${text}` : "¶") : text;
  const body = (
    <>
      <span className="visually-hidden">{`[${label}: `}</span>
      {shown}
      <span className="visually-hidden">]</span>
    </>
  );
  return inserted ? <ins className="diff-ins">{body}</ins> : <del className="diff-del">{body}</del>;
}

/** The word diff of two revisions, read as one text: insertions underlined, deletions struck through, each also labelled for screen readers. */
export function WordDiffView({ segments }: { segments: DiffSegment[] }) {
  const changed = segments.some((s) => s.type !== "equal");
  return (
    <div className="revision-diff">
      <p className="diff-legend muted small">
        <ins className="diff-ins">Inserted words</ins> are underlined; <del className="diff-del">deleted words</del> are struck through.
      </p>
      {!changed && <p className="empty-hint">These two revisions have the same text.</p>}
      <div className="word-diff" data-testid="word-diff">
        {segments.map((segment, i) =>
          segment.type === "equal" ? (
            <Unchanged key={i} text={segment.text} first={i === 0} last={i === segments.length - 1} />
          ) : (
            <Change key={i} text={segment.text} inserted={segment.type === "insert"} />
          ),
        )}
      </div>
    </div>
  );
}
