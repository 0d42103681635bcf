import type { PresenceEvent } from "@/lib/contracts/collab";

/** How long someone stays listed without a beat: pages beat every few seconds while open. */
export const PRESENCE_TIMEOUT_MS = 30_000;

/** Colours for other people's carets, dark enough for white label text (4.5:1). */
const COLOURS = ["#1d5a91", "#a3221b", "#17663f", "#7a4306", "#6b2a8c", "#0c5d54", "#8c2a5a", "#4a4a9c"];

/** The colour a person always gets, from their id, so it stays the same across pages and reloads. */
export function colourOf(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

/** A person's initials, for the bar: "Rita Reviewer" → "RR". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[words.length - 1]![0]! : (words[0] ?? "?").slice(0, 2)).toUpperCase();
}

/** Who else has the article open: the last beat of each of their pages, forgotten after a silence. */
export class PresenceRoster {
  private beats = new Map<string, PresenceEvent & { heardAt: number }>();

  constructor(private readonly ownClientId: string) {}

  /** Takes in a beat; false for this page's own. */
  hear(beat: PresenceEvent, now: number): boolean {
    if (beat.clientId === this.ownClientId) return false;
    this.beats.set(beat.clientId, { ...beat, heardAt: now });
    return true;
  }

  /** Forgets pages not heard from for a while; true when someone was forgotten. */
  forget(now: number): boolean {
    let changed = false;
    for (const [clientId, beat] of this.beats) {
      if (now - beat.heardAt > PRESENCE_TIMEOUT_MS) {
        this.beats.delete(clientId);
        changed = true;
      }
    }
    return changed;
  }

  /** Each other page's latest beat. */
  get pages(): (PresenceEvent & { heardAt: number })[] {
    return [...this.beats.values()];
  }

  /** Each other person once (several pages of one person count once), with what they are doing. */
  get people(): { id: string; name: string; initials: string; colour: string; activity: PresenceEvent["activity"] }[] {
    const byUser = new Map<string, PresenceEvent>();
    for (const beat of this.beats.values()) {
      const known = byUser.get(beat.user.id);
      if (!known || beat.activity === "reviewing") byUser.set(beat.user.id, beat);
    }
    return [...byUser.values()].map((b) => ({ id: b.user.id, name: b.user.name, initials: initialsOf(b.user.name), colour: colourOf(b.user.id), activity: b.activity }));
  }
}
