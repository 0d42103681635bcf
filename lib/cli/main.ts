import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { getDatabase } from "../server/database/app-database";
import { env } from "../env";
import { ARTICLE_FORMATS } from "../contracts/articles";
import type { Actor } from "../server/actor";
import { parseContent, type ContentFormat } from "../import/parse-content";
import { skippedWithoutTextMessage } from "../import/skipped-without-text";
import { createArticle, type CreatedArticle } from "../server/articles/create-article";
import { findCurrentRevisionId } from "../server/articles/find-current-revision-id";
import type { Db } from "../server/db";
import { AppError } from "../server/errors";
import { OPERATOR } from "../server/operator";
import { createRevision } from "../server/revisions/create-revision";
import { createToken } from "../server/tokens/create-token";
import { createUser } from "../server/users/create-user";
import { findCommandActor } from "../server/users/find-command-actor";
import { runExport } from "./export";

const USAGE = `Usage: npm run cli -- COMMAND [options]

  user:create --email E --name N --role editor|reviewer|admin [--password P | --setup-link [--base-url URL]]
                                           --setup-link prints a one-time link (7 days) with which
                                           the user sets their own password
  token:create --email E [--name N] [--days N]
                                           prints the token once; only its hash is stored; --days:
                                           it expires after N days (1 to 365), otherwise never
  article:import FILE [--format text|markdown|html|prosemirror|newsmark] [--title T] [--as EMAIL]
                                           a Newsmark export (.json) brings its annotations; a .jsonl
                                           bulk export imports every line
  article:revise ARTICLE_ID FILE [--format text|markdown|html|prosemirror] [--as EMAIL]
                                           saves FILE as the article's next revision; annotations
                                           are found again by quote and context, or orphaned
  export [--format jsonl|w3c] [--status all|approved] [--since ISO] [--out FILE] [--base-url URL]
                                           every article, one per line, to FILE or stdout
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

/** The parsed file when it is a Newsmark export (`format: "newsmark.article"`), else null. */
function newsmarkExport(raw: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === "object" && (value as { format?: unknown }).format === "newsmark.article") return value as Record<string, unknown>;
  } catch {
    // Not JSON: not an export; the chosen format's parser explains what is wrong.
  }
  return null;
}

/** The line printed for an imported article, naming any annotations left out for want of text. */
function importedLine(created: CreatedArticle): string {
  const skipped = skippedWithoutTextMessage(created.skippedWithoutText ?? 0);
  return `Imported "${created.title}" as ${created.id}${skipped ? `; ${skipped}` : ""}`;
}

/** Imports every line of a bulk export (JSON Lines); each article is its own transaction, and bad lines are named. */
async function importJsonLines(prisma: Db, owner: Actor, file: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let number = 0;
  let imported = 0;
  const failed: number[] = [];
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    try {
      const created = await createArticle(prisma, owner, { format: "newsmark", content: line });
      imported++;
      console.log(importedLine(created));
    } catch (err) {
      if (!(err instanceof AppError || err instanceof ZodError)) throw err;
      failed.push(number);
      console.error(`Line ${number} not imported: ${describeError(err)}`);
    }
  }
  if (failed.length > 0) {
    throw new AppError("validation_failed", `${failed.length} line(s) not imported (${failed.slice(0, 10).join(", ")}${failed.length > 10 ? ", …" : ""}); ${imported} imported`);
  }
}

/** The user a command acts as: the one named by --as, else the oldest active admin. */
function actingUser(prisma: Db, options: Options): Promise<Actor> {
  return findCommandActor(prisma, typeof options.as === "string" ? options.as : undefined);
}

const commands: Record<string, (options: Options, positionals: string[]) => Promise<void>> = {
  async "user:create"(options) {
    const { prisma } = await getDatabase();
    const user = await createUser(prisma, OPERATOR, {
      email: required(options, "email"),
      name: required(options, "name"),
      role: (options.role as "editor") ?? "editor",
      password: typeof options.password === "string" ? options.password : undefined,
      setupLink: options["setup-link"] === true ? true : undefined,
    });
    console.log(`Created ${user.role} ${user.email} (${user.id})`);
    if (user.setup) {
      const base = typeof options["base-url"] === "string" ? options["base-url"] : (env().NEXTAUTH_URL ?? `http://localhost:${env().PORT}`);
      console.log(`Set-up link (works once, until ${user.setup.expiresAt}; not shown again): ${new URL(user.setup.path, base).toString()}`);
    }
  },
  async "token:create"(options) {
    const { prisma } = await getDatabase();
    const { token } = await createToken(prisma, OPERATOR, {
      email: required(options, "email"),
      name: typeof options.name === "string" ? options.name : undefined,
      expiresInDays: typeof options.days === "string" ? Number(options.days) : undefined,
    });
    console.log(token);
    console.error("Store this token now: it is not shown again.");
  },
  async "article:import"(options, [file]) {
    if (!file) throw new AppError("validation_failed", "Name the file to import");
    const { prisma } = await getDatabase();
    const owner = await actingUser(prisma, options);
    const ext = path.extname(file).toLowerCase();
    if (ext === ".jsonl" || ext === ".ndjson") return importJsonLines(prisma, owner, file);
    const raw = readFileSync(file, "utf8");
    const newsmark = ext === ".json" || options.format === "newsmark" ? newsmarkExport(raw) : null;
    const format = typeof options.format === "string" ? options.format : newsmark ? "newsmark" : guessFormat(file);
    // A Newsmark export names its own title; other files are named after themselves.
    const fallbackTitle = format === "newsmark" ? undefined : path.basename(file).replace(/\.[^.]+$/, "");
    const created = await createArticle(prisma, owner, {
      title: typeof options.title === "string" ? options.title : fallbackTitle,
      format,
      content: newsmark ?? (format === "prosemirror" ? JSON.parse(raw) : raw),
    });
    console.log(importedLine(created));
  },
  async "article:revise"(options, [articleId, file]) {
    if (!articleId || !file) throw new AppError("validation_failed", "Name the article id and the file with its new text");
    const { prisma } = await getDatabase();
    const actor = await actingUser(prisma, options);
    const format = (typeof options.format === "string" ? options.format : guessFormat(file)) as ContentFormat;
    const raw = readFileSync(file, "utf8");
    let doc;
    try {
      doc = parseContent(format, raw);
    } catch (err) {
      throw new AppError("validation_failed", err instanceof Error ? err.message : String(err));
    }
    const currentRevisionId = await findCurrentRevisionId(prisma, articleId);
    // No editor mapping here: every annotation is found again by its quote and context.
    const result = await createRevision(prisma, actor, articleId, { baseRevisionId: currentRevisionId, doc: doc.toJSON() });
    if (!result.created) {
      console.log(`The text is unchanged: still revision ${result.revision.number}`);
      return;
    }
    const counts = { kept: 0, moved: 0, changed: 0, orphaned: 0 };
    for (const outcome of Object.values(result.outcomes)) counts[outcome]++;
    console.log(
      `Saved revision ${result.revision.number}: ${counts.kept} kept, ${counts.moved} moved, ${counts.changed} changed (back to review), ${counts.orphaned} orphaned`,
    );
  },
  async export(options) {
    await runExport(options);
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
      status: { type: "string" },
      since: { type: "string" },
      out: { type: "string" },
      "base-url": { type: "string" },
      "setup-link": { type: "boolean" },
      days: { type: "string" },
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

/** An error as an operator should read it: the message, then each field problem on its own line. */
function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const details = Array.isArray(err.details) ? err.details.map((d: { path: string; message: string }) => `\n  ${d.path}: ${d.message}`).join("") : "";
    return `${err.message}${details}`;
  }
  if (err instanceof ZodError) return err.issues.map((i) => `--${i.path.map(String).join(".")} ${i.message}`).join("; ");
  return err instanceof Error ? err.message : String(err);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`Error: ${describeError(err)}`);
    process.exit(1);
  },
);
