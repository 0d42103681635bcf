/** When a revision was saved, in UTC so that every reader sees the same time. */
export function RevisionTime({ at }: { at: string }) {
  return <time dateTime={at}>{`${at.slice(0, 16).replace("T", " ")} UTC`}</time>;
}
