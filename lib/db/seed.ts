import { readFileSync } from "node:fs";
import path from "node:path";
import { splitTitle } from "../import/plain-text";
import { createArticle } from "../server/articles/create-article";
import { OPERATOR } from "../server/operator";
import { createUser } from "../server/users/create-user";
import { DEMO_USERS } from "./demo-users";
import type { PrismaClient } from "./prisma";

/** The project's own copy of the demo article. */
export const SAMPLE_ARTICLE_PATH = path.resolve(process.cwd(), "prisma", "seed", "sample-article.txt");

/** Seeds the demo users and the sample article; skips users that already exist. */
export async function seedDemoData(prisma: PrismaClient): Promise<{ users: number; articles: number }> {
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

/** Seeds only a database with no users at all, so a newcomer's first start has something to open. */
export async function seedIfEmpty(prisma: PrismaClient): Promise<void> {
  if ((await prisma.user.count()) === 0) await seedDemoData(prisma);
}
