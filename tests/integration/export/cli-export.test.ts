import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma";
import type { NewsmarkArticleExport } from "@/lib/export/newsmark-json";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { createLink } from "@/lib/server/annotations/create-link";
import { reviewAnnotation } from "@/lib/server/annotations/review-annotation";
import { toActor } from "@/lib/server/users/to-actor";
import { SERVER_CONDITION } from "../../server-condition";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/** Runs `npm run cli -- …` as an operator would, against the given embedded data folder. */
async function cli(args: string[], dataDir: string) {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test" as const, NEWSMARK_DATA_DIR: dataDir };
  try {
    const { stdout, stderr } = await run(tsx, [SERVER_CONDITION, path.join("lib", "cli", "main.ts"), ...args], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Opens the CLI's embedded database in this process (no CLI may run meanwhile). */
async function withDatabase<T>(dataDir: string, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const pglite = await PGlite.create(path.join(dataDir, "pglite"));
  const prisma = createPrismaClient(new PrismaPGlite(pglite));
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
    await pglite.close();
  }
}

const readLines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** What an import must keep of each annotation, in document order. */
const shape = (rows: { kind: string; start: number; end: number; quoteExact: string; note: string; status: string; attributes: unknown }[]) =>
  rows.map((r) => ({ kind: r.kind, start: r.start, end: r.end, quote: r.quoteExact, note: r.note, status: r.status, attributes: r.attributes }));

// Real CLI processes (TypeScript loader, WebAssembly Postgres, migrations): slow on a busy machine.
const CLI_TIMEOUT = { timeout: 180_000 };

describe("CLI export and import of Newsmark files", CLI_TIMEOUT, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "newsmark-cli-export-"));
  const dataDir = path.join(dir, "data");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("export --format jsonl --out writes one valid line per article (the seeded sample at least), quietly", async () => {
    const out = path.join(dir, "first.jsonl");
    const result = await cli(["export", "--format", "jsonl", "--out", out], dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    // stderr is a pipe here: a summary, no progress bar redrawn with carriage returns.
    expect(result.stderr).not.toContain("\r");
    expect(result.stderr).toMatch(/Exported 1 article to /);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const lines = readLines(out);
    const titles = await withDatabase(dataDir, async (prisma) => (await prisma.article.findMany({ where: { deletedAt: null } })).map((a) => a.title));
    expect(lines.map((l) => (l.article as { title: string }).title)).toEqual(titles);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ format: "newsmark.article", version: 1, offsets: "unicode-code-points", annotations: [] });
  });

  it("article:import of an exported file recreates the article with the same annotations and links", async () => {
    // Tag the sample article through the data layer, as the editor and reviewer would in the app.
    const sample = await withDatabase(dataDir, async (prisma) => {
      const editor = toActor(await prisma.user.findUniqueOrThrow({ where: { email: "editor@newsmark.test" } }));
      const reviewer = toActor(await prisma.user.findUniqueOrThrow({ where: { email: "reviewer@newsmark.test" } }));
      const article = await prisma.article.findFirstOrThrow({ include: { currentRevision: true } });
      const revisionId = article.currentRevisionId!;
      const text = article.currentRevision!.text;
      // Spans taken from the text itself, so the test follows the sample if it is edited.
      const words = text.split(/\s+/).filter((w) => /^\p{L}{5,}$/u.test(w));
      const span = (word: string) => {
        const at = text.indexOf(word);
        const start = [...text.slice(0, at)].length;
        return { start, end: start + [...word].length };
      };
      const tag = async (kind: string, word: string, extra: Record<string, unknown> = {}) =>
        (await createAnnotation(prisma, editor, article.id, { revisionId, kind, ...span(word), ...extra })).annotation;
      const claim = await tag("claim", words[0]!, { note: "Check this 🔎", attributes: { checkWorthy: true } });
      const source = await tag("attribution", words[words.length - 1]!, { attributes: { sourceName: "A source", sourceType: "person" } });
      await createLink(prisma, editor, source.id, { type: "attributes", targetId: claim.id });
      await reviewAnnotation(prisma, reviewer, claim.id, { version: claim.version, decision: "approve" });
      return { id: article.id, annotations: shape(await prisma.annotation.findMany({ where: { articleId: article.id }, orderBy: { start: "asc" } })) };
    });
    expect(sample.annotations).toHaveLength(2);

    const out = path.join(dir, "tagged.jsonl");
    const exported = await cli(["export", "--out", out], dataDir);
    expect(exported.code, exported.stderr).toBe(0);
    const [line] = readLines(out) as unknown as NewsmarkArticleExport[];
    expect(line!.annotations).toHaveLength(2);

    const fromLines = await cli(["article:import", out], dataDir);
    expect(fromLines.code, fromLines.stderr).toBe(0);
    expect(fromLines.stdout).toMatch(/Imported ".+" as [0-9a-f-]{36}/);

    // The same article as a single .json file: recognised by its format field, not its extension.
    const single = path.join(dir, "one-article.json");
    writeFileSync(single, JSON.stringify(line));
    const fromJson = await cli(["article:import", single], dataDir);
    expect(fromJson.code, fromJson.stderr).toBe(0);

    await withDatabase(dataDir, async (prisma) => {
      const copies = await prisma.article.findMany({ where: { id: { not: sample.id }, deletedAt: null }, include: { currentRevision: true } });
      expect(copies).toHaveLength(2);
      for (const copy of copies) {
        expect(copy.title).toBe(line!.article.title);
        expect(copy.currentRevision!.text).toBe(line!.text);
        const rows = await prisma.annotation.findMany({ where: { articleId: copy.id }, orderBy: { start: "asc" }, include: { linksFrom: true } });
        expect(shape(rows)).toEqual(sample.annotations);
        const claim = rows.find((r) => r.kind === "claim")!;
        expect(rows.find((r) => r.kind === "attribution")!.linksFrom.map((l) => [l.type, l.toId])).toEqual([["attributes", claim.id]]);
      }
    });
  });

  it("export --format w3c writes one AnnotationCollection per line; --status approved to stdout filters", async () => {
    const out = path.join(dir, "w3c.jsonl");
    const w3c = await cli(["export", "--format", "w3c", "--out", out], dataDir);
    expect(w3c.code, w3c.stderr).toBe(0);
    const collections = readLines(out);
    expect(collections).toHaveLength(3);
    for (const c of collections) expect(c).toMatchObject({ type: "AnnotationCollection", first: { type: "AnnotationPage" } });

    const approved = await cli(["export", "--status", "approved"], dataDir);
    expect(approved.code, approved.stderr).toBe(0);
    const lines = approved.stdout.trim().split("\n").map((l) => JSON.parse(l) as NewsmarkArticleExport);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l.annotations.map((a) => a.status)).toEqual(["approved"]);
  });

  it("article:import of an export with orphans imports the rest and says how many annotations it left out", async () => {
    const [line] = readLines(path.join(dir, "tagged.jsonl")) as unknown as NewsmarkArticleExport[];
    const placed = line!.annotations[0]!;
    // Two annotations whose words a correction removed: offsets null, the old quote kept.
    const orphans = ["orphaned", "rejected"].map((status) => ({
      ...placed,
      id: randomUUID(),
      start: null,
      end: null,
      quote: { exact: "words no longer in the text", prefix: "", suffix: "" },
      status,
      links: [],
    }));
    const file = path.join(dir, "with-orphans.json");
    writeFileSync(file, JSON.stringify({ ...line, annotations: [...line!.annotations, ...orphans] }));
    const result = await cli(["article:import", file], dataDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Imported ".+" as ([0-9a-f-]{36}); 2 annotations without text in this revision were not imported\n$/);
    const id = /as ([0-9a-f-]{36})/.exec(result.stdout)![1]!;
    const count = await withDatabase(dataDir, (prisma) => prisma.annotation.count({ where: { articleId: id } }));
    expect(count).toBe(line!.annotations.length);
  });

  it("explains bad options instead of writing a file", async () => {
    const out = path.join(dir, "bad.jsonl");
    const bad = await cli(["export", "--since", "last tuesday", "--out", out], dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--since/);
    expect(existsSync(out)).toBe(false);
  });
});
