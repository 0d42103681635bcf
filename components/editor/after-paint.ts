// Without frames (a hidden tab) the callback still runs, after this long.
const FALLBACK_MS = 100;

/**
 * Runs `callback` once, after the browser has painted its next frame. Work that the screen does
 * not need at once (the sidebar's order, the undo buttons, starting a request) waits there, so a
 * key press paints its result first.
 */
export function afterPaint(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    callback();
  };
  // A task queued from an animation frame callback runs after that frame's rendering.
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, FALLBACK_MS);
}
