import { startTransition } from "react";

/**
 * Schedules the save bar's updates from one source (the sync queue, or the text's channel): leaving
 * "Saved" renders at once, so the bar never says Saved while a change waits to be sent; its other
 * updates (counts, back to Saved) are transitions that give way to the user's keys.
 */
export function barUpdates(): (nowSaved: boolean, update: () => void) => void {
  let saved = true;
  return (nowSaved, update) => {
    const leaving = saved && !nowSaved;
    saved = nowSaved;
    if (leaving) update();
    else startTransition(update);
  };
}
