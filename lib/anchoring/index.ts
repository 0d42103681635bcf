export { docText } from "./doc-text";
export { CodePointText, type Bias } from "./code-points";
export { TextIndex } from "./text-index";
export { QUOTE_CONTEXT, codePointSlice, quoteAt, type QuoteSource, type TextQuote } from "./quote";
export {
  EMPTY_SELECTION_REASON,
  NOT_INTEGER_REASON,
  OUT_OF_RANGE_REASON,
  REVERSED_REASON,
  anchorRange,
  type AnchoredRange,
  type RejectedRange,
} from "./anchor-range";
export { reanchor, type OldAnchor, type Reanchored } from "./reanchor";
