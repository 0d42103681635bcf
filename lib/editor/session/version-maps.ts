import type { StepMap } from "prosemirror-transform";

/** How many confirmed steps are remembered for mapping positions from older versions. */
const KEEP = 5_000;

/**
 * The maps of the steps the shared text took, by version: positions the server sends at an older
 * version (an annotation event written before steps this page has already applied) are mapped
 * forward through them, the way the server mapped its own copy.
 */
export class VersionMaps {
  private maps: StepMap[] = [];
  /** The version the first remembered map starts from. */
  private base: number;

  constructor(version: number) {
    this.base = version;
  }

  /** The version after the last remembered step. */
  get version(): number {
    return this.base + this.maps.length;
  }

  /** Remembers the maps of steps taking the text from `version` on (steps already known are skipped). */
  record(version: number, maps: readonly StepMap[]): void {
    if (version > this.version) {
      // A gap (the page reloaded its text): older positions cannot be mapped any more.
      this.maps = [];
      this.base = version;
    }
    const skip = this.version - version;
    for (const map of maps.slice(skip)) this.maps.push(map);
    if (this.maps.length > KEEP) {
      const drop = this.maps.length - KEEP;
      this.maps = this.maps.slice(drop);
      this.base += drop;
    }
  }

  /** Maps a position from `version` to the latest remembered one; null when that version is no longer remembered. */
  map(pos: number, version: number, assoc: number): number | null {
    if (version < this.base || version > this.version) return null;
    for (let i = version - this.base; i < this.maps.length; i++) pos = this.maps[i]!.map(pos, assoc);
    return pos;
  }
}
