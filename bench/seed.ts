import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Node } from "prosemirror-model";
import { anchorRange } from "@/lib/anchoring/anchor-range";
import { TextIndex } from "@/lib/anchoring/text-index";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";
import { schema } from "@/lib/editor/schema";
import type { Actor } from "@/lib/server/actor";
import { createArticle } from "@/lib/server/articles/create-article";
import { OPERATOR } from "@/lib/server/operator";
import { createToken } from "@/lib/server/tokens/create-token";
import { createUser } from "@/lib/server/users/create-user";
import type { GeneratedArticle, GeneratedSpan } from "./generate-article";

/** A Prisma client on a bench database, for seeding through the data layer; close() ends its connections. */
export function openPrisma(url: string): { prisma: PrismaClient; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url });
  // The bench drops its database WITH (FORCE) at the end, which terminates any connection still idle here.
  pool.on("error", () => {});
  const prisma = createPrismaClient(new PrismaPg(pool));
  return {
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** A seeded user and, unless asked otherwise, a personal access token of their own. */
export interface SeededUser {
  actor: Actor;
  token: string;
}

/** Creates `count` users of a role, each with a token; a password only when one is given (hashing is slow). */
export async function seedUsers(
  prisma: PrismaClient,
  count: number,
  options: { role?: Actor["role"]; prefix?: string; password?: string } = {},
): Promise<SeededUser[]> {
  const users: SeededUser[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${options.prefix ?? "editor"}-${i}@bench.newsmark.test`;
    const actor = await createUser(prisma, OPERATOR, { email, name: `Bench ${options.prefix ?? "editor"} ${i}`, role: options.role ?? "editor", password: options.password });
    const { token } = await createToken(prisma, OPERATOR, { email, name: "bench" });
    users.push({ actor, token });
  }
  return users;
}

/** An imported article with its current revision parsed, ready to anchor spans against. */
export interface SeededArticle {
  id: string;
  revisionId: string;
  doc: Node;
  index: TextIndex;
}

/** Imports a generated article as plain text through the data layer, as the API would. */
export async function seedArticle(prisma: PrismaClient, owner: Actor, article: GeneratedArticle): Promise<SeededArticle> {
  const created = await createArticle(prisma, owner, { title: article.title, format: "text", content: article.paragraphs.join("\n\n") });
  const revision = await prisma.revision.findUniqueOrThrow({ where: { id: created.revision.id } });
  // The generator's offsets count in its own text; an import that changed the text would shift every span.
  if (revision.text !== article.text) throw new Error("the imported text differs from the generated text");
  const doc = Node.fromJSON(schema, revision.doc);
  return { id: created.id, revisionId: revision.id, doc, index: new TextIndex(doc) };
}

/** The stored span columns of a generated span, anchored exactly as the server anchors a request. */
export function spanColumns(article: SeededArticle, span: Pick<GeneratedSpan, "start" | "end">) {
  const { index } = article;
  const anchored = anchorRange(article.doc, index.posAt(span.start, "start"), index.posAt(span.end, "end"), index);
  if (!anchored.ok) throw new Error(`span ${span.start}..${span.end} does not anchor: ${anchored.reason}`);
  return { from: anchored.from, to: anchored.to, start: anchored.start, end: anchored.end, quote: anchored.quote };
}

const COLUMNS = [
  "id",
  "articleId",
  "revisionId",
  "kind",
  "from",
  "to",
  "start",
  "end",
  "quoteExact",
  "quotePrefix",
  "quoteSuffix",
  "note",
  "attributes",
  "status",
  "createdById",
  "reviewedById",
  "reviewedAt",
  "updatedAt",
] as const;
const ROWS_PER_INSERT = 500;

/**
 * Inserts annotations straight into PostgreSQL, far faster than thousands of API calls. With
 * `review`, every fourth one is approved by the reviewer and hedges and attributions are linked to
 * the claim before them, so exports carry every field.
 */
export async function insertAnnotations(
  client: pg.ClientBase,
  article: SeededArticle,
  spans: readonly GeneratedSpan[],
  createdById: string,
  review?: { reviewerId: string },
): Promise<string[]> {
  const ids = spans.map(() => randomUUID());
  const now = new Date();
  for (let first = 0; first < spans.length; first += ROWS_PER_INSERT) {
    const values: unknown[] = [];
    const rows: string[] = [];
    spans.slice(first, first + ROWS_PER_INSERT).forEach((span, offset) => {
      const i = first + offset;
      const c = spanColumns(article, span);
      const approved = review !== undefined && i % 4 === 0;
      const row = [
        ids[i], article.id, article.revisionId, span.kind, c.from, c.to, c.start, c.end, c.quote.exact, c.quote.prefix, c.quote.suffix,
        span.note, JSON.stringify(span.attributes), approved ? "approved" : "pending", createdById,
        approved ? review.reviewerId : null, approved ? now : null, now,
      ];
      rows.push(`(${row.map((_, k) => `$${values.length + k + 1}`).join(", ")})`);
      values.push(...row);
    });
    await client.query(`INSERT INTO annotations (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.join(", ")}`, values);
  }
  if (review) {
    const links: string[] = [];
    const values: unknown[] = [];
    spans.forEach((span, i) => {
      const claim = span.kind === "attribution" ? i - 2 : span.kind === "hedge" ? i - 1 : -1;
      if (claim < 0 || spans[claim]?.kind !== "claim") return;
      links.push(`($${values.length + 1}, $${values.length + 2}, $${values.length + 3}, $${values.length + 4}, $${values.length + 5})`);
      values.push(randomUUID(), ids[i], ids[claim], span.kind === "attribution" ? "attributes" : "qualifies", createdById);
    });
    if (links.length > 0) await client.query(`INSERT INTO annotation_links (id, "fromId", "toId", type, "createdById") VALUES ${links.join(", ")}`, values);
  }
  await client.query(`UPDATE articles SET status = 'in_review', "updatedAt" = now() WHERE id = $1`, [article.id]);
  return ids;
}
