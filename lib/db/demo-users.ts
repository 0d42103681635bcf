/** The demo accounts seeded into an empty embedded database (and printed in the README). */
export const DEMO_USERS = [
  { email: "admin@newsmark.test", name: "Ada Admin", role: "admin", password: "newsmark-admin" },
  { email: "editor@newsmark.test", name: "Eddie Editor", role: "editor", password: "newsmark-editor" },
  { email: "reviewer@newsmark.test", name: "Rita Reviewer", role: "reviewer", password: "newsmark-reviewer" },
] as const;
