import type { PresentPerson } from "@/lib/editor/session/editor-session";

interface Props {
  people: readonly PresentPerson[];
  /** Whether live updates are flowing; when not, the bar says so. */
  live: boolean;
}

const doing = (p: PresentPerson) => `${p.name} is ${p.activity}`;

/** Who else has the article open: their initials in their caret colour, and what they are doing. */
export function PresenceBar({ people, live }: Props) {
  if (people.length === 0 && live) return null;
  return (
    <div className="presence-bar" data-testid="presence">
      {people.length > 0 && (
        <ul className="presence-people" aria-label="Also on this article">
          {people.map((p) => (
            <li key={p.id} className="presence-person" title={doing(p)}>
              <span className="presence-initials" style={{ backgroundColor: p.colour }} aria-hidden="true">
                {p.initials}
              </span>
              <span className="visually-hidden">{doing(p)}</span>
            </li>
          ))}
        </ul>
      )}
      {people.length > 0 && <span className="muted small">{people.length === 1 ? doing(people[0]!) : `${people.length} others here`}</span>}
      {!live && (
        <span className="muted small" role="status">
          Live updates paused: reconnecting…
        </span>
      )}
    </div>
  );
}
