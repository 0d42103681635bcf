import { z } from "zod";

/** The collaboration tests' second editor (the demo users are the others). */
export const SECOND_EDITOR = { email: "second.editor@newsmark.test", name: "Sam Second", password: "newsmark-second-editor" } as const;

/** Three paragraphs: the tests type into the second and tag in the first. */
export const COLLAB_ARTICLE_TEXT = [
  "The minister said unemployment fell to 3.2 per cent last month.",
  "Officials confirmed the figures on Tuesday while critics doubted them.",
  "The statistics office will publish its revision in March.",
].join("\n\n");

export const preparedCollabSchema = z.object({ articles: z.array(z.uuid()).min(1) });
