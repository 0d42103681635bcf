import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getDatabase } from "../db/database";
import { ARTICLE_FORMATS } from "../schemas/article";
import { createArticle } from "../server/articles/create-article";
import { AppError } from "../server/errors";
import { OPERATOR } from "../server/operator";
import { createToken } from "../server/tokens/create-token";
import { createUser } from "../server/users/create-user";
import { toActor } from "../server/users/to-actor";

const USAGE = `Usage: npm run cli -- COMMAND [options]

  user:create --email E --name N --role editor|reviewer|admin [--password P]
  token:create --email E [--name N]        prints the token once; only its hash is stored
  article:import FILE [--format text|markdown|html|prosemirror] [--title T] [--as EMAIL]
`;

type Options = Record<string, string | boolean | undefined>;

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== "string" || !value) throw new AppError("validation_failed", `--${name} is required`);
  return value;
}

function guessFormat(file: string): (typeof ARTICLE_FORMATS)[number] {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".md" || ext === ".markdown") return "markdown";
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".json") return "prosemirror";
  return "text";
}

const commands: Record<string, (options: Options, positionals: string[]) => Promise<void>> = {
  async "user:create"(options) {
    const { prisma } = await getDatabase();
    const user = await createUser(prisma, OPERATOR, {
      email: required(options, "email"),
      name: required(options, "name"),
      role: (options.role as "editor") ?? "editor",
      password: typeof options.password === "string" ? options.password : undefined,
    });
    console.log(`Created ${user.role} ${user.email} (${user.id})`);
  },
  async "token:create"(options) {
    const { prisma } = await getDatabase();
    const { token } = await createToken(prisma, OPERATOR, {
      email: required(options, "email"),
      name: typeof options.name === "string" ? options.name : undefined,
    });
    console.log(token);
    console.error("Store this token now: it is not shown again.");
  },
  async "article:import"(options, [file]) {
    if (!file) throw new AppError("validation_failed", "Name the file to import");
    const { prisma } = await getDatabase();
    const format = typeof options.format === "string" ? options.format : guessFormat(file);
    const raw = readFileSync(file, "utf8");
    const asEmail = typeof options.as === "string" ? options.as.toLowerCase() : undefined;
    const owner = await prisma.user.findFirst({
      where: asEmail ? { email: asEmail } : { role: "admin", disabled: false },
      orderBy: { createdAt: "asc" },
    });
    if (!owner) throw new AppError("not_found", asEmail ? `No user ${asEmail}` : "Create an admin first (user:create)");
    const title = typeof options.title === "string" ? options.title : path.basename(file).replace(/\.[^.]+$/, "");
    const created = await createArticle(prisma, toActor(owner), {
      title,
      format,
      content: format === "prosemirror" ? JSON.parse(raw) : raw,
    });
    console.log(`Imported "${created.title}" as ${created.id}`);
  },
};

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      format: { type: "string" },
      title: { type: "string" },
      as: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  const run = command ? commands[command] : undefined;
  if (!run || values.help) {
    console.log(USAGE);
    process.exit(run || values.help ? 0 : 2);
  }
  await run(values, rest);
}

main().then(
  () => process.exit(0),
  (err) => {
    if (err instanceof AppError) {
      const details = Array.isArray(err.details) ? err.details.map((d: { path: string; message: string }) => `\n  ${d.path}: ${d.message}`).join("") : "";
      console.error(`Error: ${err.message}${details}`);
    } else if (err && typeof err === "object" && "issues" in err) {
      const issues = (err as { issues: { path: PropertyKey[]; message: string }[] }).issues;
      console.error(`Error: ${issues.map((i) => `--${i.path.map(String).join(".")} ${i.message}`).join("; ")}`);
    } else {
      console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  },
);
