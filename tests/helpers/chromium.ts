/**
 * The Chromium every browser test and bench launches: the system's, installed by the distribution's
 * package (CI installs it; Playwright's own browser download is not used), or `CHROMIUM_PATH`; with
 * the switches that keep it from phoning home or updating itself while it is tested or measured.
 */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const QUIET_CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
