/**
 * The request header by which the editor names the user whose unsent changes it is sending. Changes
 * wait in the browser, sometimes across a sign-out; if the session that carries them now belongs to
 * someone else, the API refuses them (401) instead of recording them under the wrong name.
 */
export const AUTHOR_HEADER = "x-newsmark-author";
