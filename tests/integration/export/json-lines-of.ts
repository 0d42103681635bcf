/**
 * The bulk export's bytes as lines, each with its "\n", as they arrive: a line may span chunks, and
 * a chunk hold several. A last line without its "\n" comes out as it is, for the caller to refuse.
 */
export async function* eachJsonLine(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  let rest = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : Buffer.from(chunk);
    let start = 0;
    for (let end = buffer.indexOf(10); end !== -1; end = buffer.indexOf(10, start)) {
      yield buffer.toString("utf8", start, end + 1);
      start = end + 1;
    }
    rest = buffer.subarray(start);
  }
  if (rest.length > 0) yield rest.toString("utf8");
}

/** Every line of the export's bytes (see `eachJsonLine`). */
export async function jsonLinesOf(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of eachJsonLine(chunks)) lines.push(line);
  return lines;
}
