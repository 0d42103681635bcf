/** Which way a position inside a surrogate pair, or between blocks, is rounded. */
export type Bias = "start" | "end";

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** A string that can be measured and sliced in Unicode code points in O(log n) per call. */
export class CodePointText {
  /** The underlying string. */
  readonly text: string;
  /** The number of code points in `text` (what `[...text].length` returns). */
  readonly length: number;
  // UTF-16 index of the high surrogate of every well-formed pair, ascending. Every
  // other unit, lone surrogates included, is one code point, as in the string iterator.
  private readonly pairs: Int32Array;

  /** Scans `text` once (O(n)) so later conversions are binary searches. */
  constructor(text: string) {
    this.text = text;
    const pairs: number[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        pairs.push(i);
        i++;
      }
    }
    this.pairs = Int32Array.from(pairs);
    this.length = text.length - pairs.length;
  }

  /** The UTF-16 index where code point `offset` starts (0 <= offset <= length). */
  toUtf16(offset: number): number {
    checkIndex(offset, this.length, "Code point offset");
    // Pair k starts at code point pairs[k] - k; count the pairs that start before `offset`.
    const pairs = this.pairs;
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((pairs[mid] as number) - mid < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  }

  /** The code point offset of UTF-16 `index`; between the halves of a pair "start" rounds forward, "end" back. */
  fromUtf16(index: number, bias: Bias): number {
    checkIndex(index, this.text.length, "UTF-16 index");
    const pairs = this.pairs;
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((pairs[mid] as number) < index) lo = mid + 1;
      else hi = mid;
    }
    // `lo` pairs start before `index`; if the last of them starts right before it,
    // `index` splits that pair and `index - lo` is the offset of the pair itself.
    const splitsPair = lo > 0 && pairs[lo - 1] === index - 1;
    return index - lo + (splitsPair && bias === "start" ? 1 : 0);
  }

  /** Whether UTF-16 index `index` falls between the two halves of a surrogate pair. */
  splitsPair(index: number): boolean {
    return this.fromUtf16(index, "start") !== this.fromUtf16(index, "end");
  }

  /** The code points from `start` to `end` (exclusive), like `[...text].slice(start, end).join("")`. */
  slice(start: number, end: number): string {
    if (end < start) throw new RangeError(`Code point range is reversed: ${start} > ${end}`);
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

function checkIndex(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} ${value} is outside 0..${max}`);
  }
}
