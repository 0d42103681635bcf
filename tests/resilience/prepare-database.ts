/**
 * Prepares a database for a server that a resilience test starts itself: migrated, with an article
 * and N editors who each have a token, printed as one JSON line. Run with tsx before the server
 * starts (the embedded database admits one process at a time):
 *   tsx tests/resilience/prepare-database.ts --editors N (--data-dir DIR | --database-url URL)
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabaseToPrepare } from "./open-database-to-prepare";
import { createArticle } from "@/lib/server/articles/create-article";
import { OPERATOR } from "@/lib/server/operator";
import { createToken } from "@/lib/server/tokens/create-token";
import { createUser } from "@/lib/server/users/create-user";
import { ARTICLE_PARAGRAPHS, preparedDatabaseSchema, type PreparedDatabase } from "./prepared-database";

const args = z
  .object({
    editors: z.coerce.number().int().min(1).max(500),
    "data-dir": z.string().min(1).optional(),
    "database-url": z.string().regex(/^postgres(ql)?:\/\//).optional(),
  })
  .refine((a) => Boolean(a["data-dir"]) !== Boolean(a["database-url"]), "Give --data-dir or --database-url")
  .parse(parseArgs({ options: { editors: { type: "string" }, "data-dir": { type: "string" }, "database-url": { type: "string" } } }).values);

const { prisma } = await openDatabaseToPrepare({ dataDir: args["data-dir"], databaseUrl: args["database-url"] });
const run = Date.now().toString(36);
const editors: PreparedDatabase["editors"] = [];
for (let i = 0; i < args.editors; i++) {
  const email = `load-${run}-${i}@newsmark.test`;
  const user = await createUser(prisma, OPERATOR, { email, name: `Editor ${i}`, role: "editor" });
  const { token } = await createToken(prisma, OPERATOR, { email });
  editors.push({ id: user.id, email, token });
}
const content = ARTICLE_PARAGRAPHS.join("\n\n");
const author = { id: editors[0]!.id, email: editors[0]!.email, name: "Editor 0", role: "editor" as const };
const article = await createArticle(prisma, author, {
  title: `Resilience ${run}`,
  format: "text",
  content,
});
const prepared: PreparedDatabase = { editors, articleId: article.id, revisionId: article.revision.id };
await prisma.$disconnect();
process.stdout.write(`${JSON.stringify(preparedDatabaseSchema.parse(prepared))}\n`);
process.exit(0);
