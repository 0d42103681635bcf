import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * What counts as citing a file: a path from one of the repository's top-level folders down to a
 * file with an extension (`lib/server/audit.ts`, `app/articles/[id]/page.tsx`), or a document at
 * the root (`README.md`, `BENCHMARKS.md`). Not part of a longer path or an address (nothing of
 * `https://host/lib/x.ts` counts), and placeholders (`bench/results/<name>.json`) are not paths.
 */
const CITATION =
  /(?<![\w./:@-])(?:(?:\.ci|app|bench|components|lib|prisma|tests)\/[\w.()[\]@-]+(?:\/[\w.()[\]@-]+)*\.[a-z]+|[A-Z][A-Z_-]*\.md)(?![\w/<-])/g;

// Generated code and third-party copies say nothing about this repository.
const SKIPPED = new Set(["node_modules", ".next", ".git", ".data", "lib/db/generated", "tests/fixtures", "bench/results", "test-results", "playwright-report"]);
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;

/** Source files of the repository, as paths from its root. */
function sourceFiles(dir = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (SKIPPED.has(path) || SKIPPED.has(entry.name)) continue;
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

/** The text of every comment in a source file (the parser finds them, so strings and regexes are not mistaken for comments). */
function comments(fileName: string, text: string): string[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : fileName.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) found.set(range.pos, text.slice(range.pos, range.end));
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found.values()];
}

/** The repository paths a piece of comment text cites. */
function citations(comment: string): string[] {
  return [...comment.matchAll(CITATION)].map((m) => m[0]);
}

describe("comments cite files that are in the repository", () => {
  it("the pattern finds paths and root documents, and skips addresses, placeholders, folders and code", () => {
    const text = [
      "// See lib/server/audit.ts and `app/articles/[id]/page.tsx` (README.md, BENCHMARKS.md).",
      "/* Not https://example.org/lib/server/audit.ts, nor bench/results/<name>.json, nor lib/server/, nor ./lib/x.ts */",
      'const notAComment = "lib/missing/file.ts";',
      "/** Per domain: lib/contracts/<domain>.ts; tests mirror lib/ (tests/lib/export/w3c.test.ts). */",
      "const x = 1; // trailing: components/editor/missing-view.tsx",
    ].join("\n");
    expect(comments("sample.ts", text).flatMap(citations)).toEqual([
      "lib/server/audit.ts",
      "app/articles/[id]/page.tsx",
      "README.md",
      "BENCHMARKS.md",
      "tests/lib/export/w3c.test.ts",
      "components/editor/missing-view.tsx",
    ]);
  });

  it("every path a comment cites exists", () => {
    const files = sourceFiles();
    // The walk reaches the code it must check (a broken walk would find nothing to fail on).
    expect(files).toEqual(expect.arrayContaining(["lib/server/audit.ts", "app/layout.tsx", "eslint.config.mjs", "tests/repository/comment-citations.test.ts"]));
    const missing: string[] = [];
    let cited = 0;
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), "utf8");
      for (const comment of comments(file, text)) {
        for (const path of citations(comment)) {
          cited++;
          if (!existsSync(join(ROOT, path))) missing.push(`${relative(ROOT, join(ROOT, file))}: ${path}`);
        }
      }
    }
    expect(cited).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
