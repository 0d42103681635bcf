/**
 * Prepares the database the collaboration tests' servers share: migrated, seeded with the demo
 * users and the sample article (as an empty embedded database would be), plus a second editor and
 * an article per test. Prints one JSON line. Run with tsx before the servers start:
 *   tsx tests/collab/prepare-collab-database.ts (--database-url URL | --data-dir DIR)
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { createArticle } from "@/lib/server/articles/create-article";
import { OPERATOR } from "@/lib/server/operator";
import { seedIfEmpty } from "@/lib/server/seed/seed-if-empty";
import { createUser } from "@/lib/server/users/create-user";
import { openDatabaseToPrepare } from "../resilience/open-database-to-prepare";
import { COLLAB_ARTICLE_TEXT, SECOND_EDITOR, preparedCollabSchema } from "./collab-world";

const args = z
  .object({ "database-url": z.string().regex(/^postgres(ql)?:\/\//).optional(), "data-dir": z.string().min(1).optional() })
  .refine((a) => Boolean(a["data-dir"]) !== Boolean(a["database-url"]), "Give --data-dir or --database-url")
  .parse(parseArgs({ options: { "database-url": { type: "string" }, "data-dir": { type: "string" } } }).values);

const { prisma } = await openDatabaseToPrepare({ databaseUrl: args["database-url"], dataDir: args["data-dir"] });
await seedIfEmpty(prisma);
const second = await createUser(prisma, OPERATOR, { ...SECOND_EDITOR, role: "editor" });
const author = { id: second.id, email: second.email, name: second.name, role: "editor" as const };
// Each test gets an article of its own, so one test's text and tags never meet another's.
const articles: string[] = [];
for (let i = 0; i < 8; i++) {
  const article = await createArticle(prisma, author, { title: `Live story ${i + 1}`, format: "text", content: COLLAB_ARTICLE_TEXT });
  articles.push(article.id);
}
await prisma.$disconnect();
process.stdout.write(`${JSON.stringify(preparedCollabSchema.parse({ articles }))}\n`);
process.exit(0);
