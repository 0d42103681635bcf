// Kept apart from the hashing so that forms in the browser can state the rule without the native hasher.

/** Minimum length of any password a person chooses (admin, set-up link or change). */
export const MIN_PASSWORD_LENGTH = 10;
