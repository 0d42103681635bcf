import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS } from "../../db/demo-users";
import { splitTitle } from "../../import/plain-text";
import { createArticle } from "../articles/create-article";
import type { Db } from "../db";
import { OPERATOR } from "../operator";
import { createUser } from "../users/create-user";

/** The project's own copy of the demo article. */
export const SAMPLE_ARTICLE_PATH = path.resolve(process.cwd(), "prisma", "seed", "sample-article.txt");

/** Seeds the demo users and the sample article; skips users that already exist. */
export async function seedDemoData(prisma: Db): Promise<{ users: number; articles: number }> {
  let users = 0;
  for (const demo of DEMO_USERS) {
    if (await prisma.user.findUnique({ where: { email: demo.email } })) continue;
    await createUser(prisma, OPERATOR, demo);
    users++;
  }
  const { title, body } = splitTitle(readFileSync(SAMPLE_ARTICLE_PATH, "utf8"));
  if (await prisma.article.findFirst({ where: { title } })) return { users, articles: 0 };
  const editor = await prisma.user.findUniqueOrThrow({ where: { email: "editor@newsmark.test" } });
  await createArticle(prisma, { id: editor.id, email: editor.email, name: editor.name, role: editor.role }, {
    title,
    byline: "Newsmark demo",
    format: "text",
    content: body,
  });
  return { users, articles: 1 };
}
