/** A moment in UTC, so that server and browser render the same text; "never" for none. */
export function UtcTime({ at, none = "never" }: { at: string | null; none?: string }) {
  if (!at) return <span className="muted">{none}</span>;
  return <time dateTime={at}>{`${at.slice(0, 16).replace("T", " ")} UTC`}</time>;
}
