/** The sentence an import shows when a Newsmark export carried annotations it could not place (empty for none). */
export function skippedWithoutTextMessage(count: number): string {
  if (count <= 0) return "";
  return count === 1
    ? "1 annotation without text in this revision was not imported"
    : `${count} annotations without text in this revision were not imported`;
}
