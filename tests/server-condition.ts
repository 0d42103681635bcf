/**
 * The Node flag for scripts that load lib/server or lib/db outside Next.js (the CLI, database
 * preparation helpers): those modules import "server-only", which is empty under React's server
 * condition and throws everywhere else, so a script run without it stops at its first import.
 */
export const SERVER_CONDITION = "--conditions=react-server";
