/**
 * A deterministic correction of a generated article touching a share of its paragraphs the way
 * newsroom corrections do: a word fixed, a sentence added, a sentence cut, a passage rewritten.
 */
export function reviseParagraphs(paragraphs: readonly string[], share: number): { paragraphs: string[]; touched: number[] } {
  const count = Math.max(1, Math.round(paragraphs.length * share));
  const step = paragraphs.length / count;
  const touched = Array.from({ length: count }, (_, i) => Math.min(paragraphs.length - 1, Math.floor(i * step + step / 2)));
  const revised = [...paragraphs];
  touched.forEach((index, i) => {
    const paragraph = revised[index]!;
    const sentences = paragraph.split(/(?<=\.) /);
    switch (i % 4) {
      case 0: {
        // A word fixed in the middle of the paragraph.
        const words = paragraph.split(" ");
        const at = Math.floor(words.length / 2);
        words[at] = words[at] === "corrected" ? "amended" : "corrected";
        revised[index] = words.join(" ");
        break;
      }
      case 1:
        revised[index] = `An earlier version of this report misstated the date. ${paragraph}`;
        break;
      case 2:
        revised[index] = sentences.length > 1 ? sentences.slice(0, -1).join(" ") : paragraph.slice(0, Math.floor(paragraph.length / 2));
        break;
      default: {
        // A passage rewritten: the middle third replaced by new words.
        const third = Math.floor(paragraph.length / 3);
        revised[index] = `${paragraph.slice(0, third)}officials later gave a different account of the events${paragraph.slice(2 * third)}`;
      }
    }
  });
  return { paragraphs: revised, touched };
}
