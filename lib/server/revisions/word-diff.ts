import "server-only";
import { diffLines, diffWordsWithSpace, type ChangeObject } from "diff";

/** One stretch of a diff: text both revisions share, or text only the newer (insert) or the older (delete) has. */
export interface DiffSegment {
  type: "equal" | "insert" | "delete";
  text: string;
}

// The history only displays a diff, so a library's Myers diff serves; re-anchoring keeps its own
// line alignment for speed on heavy rewrites (lib/anchoring/text-diff.ts says why).
// Myers' algorithm costs about length × edits. Past these bounds a stretch is so rewritten that a
// finer diff would only be noise (and slow), so it is shown as replaced whole.
const MAX_LINE_EDITS = 2_000;
const MAX_WORD_EDITS = 1_000;

// Spaces and tabs, but not a paragraph break: paragraphs stay apart even when both are rewritten.
const INLINE_SPACE = /^[^\S\n]+$/;

type Block = { equal: string } | { removed: string; added: string };

const isReplacement = (block: Block | undefined): block is { removed: string; added: string } =>
  block !== undefined && !("equal" in block) && block.removed !== "" && block.added !== "";

function append(out: DiffSegment[], type: DiffSegment["type"], text: string): void {
  if (text === "") return;
  const last = out[out.length - 1];
  if (last?.type === type) last.text += text;
  else out.push({ type, text });
}

/** Groups changes into shared text and replacement blocks, and joins replacements separated only by a space. */
function blocksOf(changes: ChangeObject<string>[]): Block[] {
  const blocks: Block[] = [];
  for (const change of changes) {
    if (!change.added && !change.removed) {
      blocks.push({ equal: change.value });
      continue;
    }
    let block = blocks[blocks.length - 1];
    if (!block || "equal" in block) blocks.push((block = { removed: "", added: "" }));
    if (change.removed) block.removed += change.value;
    else block.added += change.value;
  }
  // "the quick fox" → "a slow dog" reads as one replacement, not three interleaved with kept spaces.
  const joined: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const previous = joined[joined.length - 1];
    const next = blocks[i + 1];
    if ("equal" in block && INLINE_SPACE.test(block.equal) && isReplacement(previous) && isReplacement(next)) {
      previous.removed += block.equal + next.removed;
      previous.added += block.equal + next.added;
      i++;
      continue;
    }
    joined.push({ ...block });
  }
  return joined;
}

/** Appends the word-level diff of one changed stretch. */
function diffStretch(out: DiffSegment[], removed: string, added: string): void {
  const changes = removed && added ? diffWordsWithSpace(removed, added, { maxEditLength: MAX_WORD_EDITS }) : undefined;
  const blocks = changes ? blocksOf(changes) : [{ removed, added }];
  for (const block of blocks) {
    if ("equal" in block) append(out, "equal", block.equal);
    else {
      append(out, "delete", block.removed);
      append(out, "insert", block.added);
    }
  }
}

/**
 * The word-level differences between two plain texts. Paragraphs are aligned first, then the words
 * of each changed stretch, which keeps long articles fast and edits local to their paragraphs.
 * Joining the equal and delete segments gives the old text; joining equal and insert, the new one.
 */
export function wordDiff(oldText: string, newText: string): DiffSegment[] {
  const out: DiffSegment[] = [];
  const lines = diffLines(oldText, newText, { maxEditLength: MAX_LINE_EDITS });
  if (!lines) {
    append(out, "delete", oldText);
    append(out, "insert", newText);
    return out;
  }
  let removed = "";
  let added = "";
  for (const change of lines) {
    if (change.removed) removed += change.value;
    else if (change.added) added += change.value;
    else {
      diffStretch(out, removed, added);
      removed = added = "";
      append(out, "equal", change.value);
    }
  }
  diffStretch(out, removed, added);
  return out;
}
