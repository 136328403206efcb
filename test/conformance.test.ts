import { expect } from "chai";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../src/language/diagnostics.js";
import { lex } from "../src/language/lexer.js";
import { filesUnder } from "./support/files.js";
import { format } from "../src/language/format.js";
import { formatProblems } from "./support/conformance/fmt.js";
import { renderGolden } from "./support/conformance/golden.js";
import { compareMarks, expectedMarks, type Mark } from "./support/conformance/marks.js";
import { xdcBlocks } from "./support/conformance/markdown.js";
import { pipeline } from "./support/conformance/pipeline.js";
import { expectDiagnosticInside } from "./support/spans.js";

/**
 * The conformance runner (test/conformance/README.md): every case's diagnostics must match the
 * marks on its lines and its golden `.diag.txt`; examples/ and stdlib/ must check clean; every
 * ```xdc block of README.md and docs/ must do what its info string says.
 * `UPDATE_GOLDEN=1 npm test` rewrites the goldens; read the diff before committing it.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const CORPUS = "test/conformance";
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
const read = (path: string) => readFileSync(join(root, path), "utf8");

const isXdc = (name: string) => name.endsWith(".xdc") && !name.endsWith(".fmt.xdc");
/** Files under a `lib/` folder are modules the cases import, not cases of their own. */
const cases = filesUnder(root, CORPUS, isXdc).filter((p) => !p.includes("/lib/"));
const goldens = filesUnder(root, CORPUS, (n) => n.endsWith(".diag.txt") || n.endsWith(".fmt.xdc"));
const goldenOf = (path: string) => path.replace(/\.xdc$/, ".diag.txt");
/** Cases in `fmt/` also have the formatted text as a golden. */
const fmtGoldenOf = (path: string) => path.replace(/\.xdc$/, ".fmt.xdc");
const sourceOf = (golden: string) => golden.replace(/\.(diag\.txt|fmt\.xdc)$/, ".xdc");

/** Writes a golden when re-blessing, then compares: a missing golden fails with how to make it. */
function expectGolden(path: string, actual: string): void {
  if (UPDATE) writeFileSync(join(root, path), actual);
  expect(existsSync(join(root, path)), `${path} is missing: run UPDATE_GOLDEN=1 npm test`).to.equal(true);
  expect(read(path)).to.equal(actual);
}

/**
 * `// known-issue: why` in a case: the front end does not yet do what the marks say. The case
 * then passes while the output still differs from the marks, and fails once it matches, so
 * the line is removed (and the golden blessed) in the commit that fixes the issue.
 */
const KNOWN_ISSUE = /\/\/\s*known-issue:\s*(.+)$/m;

/**
 * Diagnostics of the case's own file against its marks; a diagnostic in a file it imports
 * must have a mark in that file (a missing one there is that file's cases' business).
 */
function differences(path: string, marks: readonly Mark[], ds: readonly Diagnostic[]): { missing: string[]; extra: string[] } {
  const own = compareMarks(marks, asMarks(ds.filter((d) => d.span.file === path)));
  const elsewhere = [...new Set(ds.map((d) => d.span.file).filter((f) => f !== path))].flatMap((file) => {
    const theirs = existsSync(join(root, file)) ? expectedMarks(read(file)) : [];
    return compareMarks(theirs, asMarks(ds.filter((d) => d.span.file === file))).extra.map((e) => `${file}:${e}`);
  });
  return { missing: own.missing, extra: [...own.extra, ...elsewhere] };
}

/** Whether a known issue still shows: the output differs from the marks, or the pipeline throws. */
function stillWrong(text: string, path: string, marks: readonly Mark[]): boolean {
  try {
    const { missing, extra } = differences(path, marks, pipeline.check(text, path));
    return missing.length + extra.length > 0;
  } catch {
    return true;
  }
}

const asMarks = (ds: readonly Diagnostic[]): Mark[] =>
  ds.map((d) => ({ line: d.span.start.line, column: d.span.start.column, severity: d.severity, code: d.code, ...(d.help ? { help: d.help.message } : {}) }));

/** Codes a case expects that the current pipeline cannot emit yet. */
const unreachable = (codes: readonly string[]) => [...new Set(codes.filter((c) => !pipeline.reaches(c)))];
const pendingNote = (codes: readonly string[]) => (codes.length > 0 ? ` (pending: ${codes.join(", ")} needs more than ${pipeline.name})` : "");

function explain(path: string, ds: readonly Diagnostic[], missing: readonly string[], extra: readonly string[]): string {
  return [
    `${path}: the diagnostics differ from the marks`,
    ...missing.map((m) => `  missing ${m}`),
    ...extra.map((m) => `  extra   ${m}`),
    "  found:",
    ...ds.map((d) => `    ${d.span.file === path ? "" : `${d.span.file}:`}${d.span.start.line}:${d.span.start.column} ${d.severity}[${d.code}] ${d.message}${d.help ? ` (help: ${d.help.message})` : ""}`),
  ].join("\n");
}

describe(`conformance (${pipeline.name})`, () => {
  it("has a source beside every golden", () => {
    const orphans = goldens.filter((g) => !cases.includes(sourceOf(g)));
    expect(orphans, "goldens whose .xdc is gone: delete them or restore the case").to.deep.equal([]);
  });

  const areas = [...new Set(cases.map((c) => c.split("/")[2]!))];
  for (const area of areas) {
    describe(area, () => {
      for (const path of cases.filter((c) => c.split("/")[2] === area)) {
        const text = read(path);
        const marks = expectedMarks(text);
        const waiting = unreachable(marks.map((m) => m.code));
        const name = path.slice(`${CORPUS}/${area}/`.length);
        const knownIssue = KNOWN_ISSUE.exec(text)?.[1];
        it(`${name}${pendingNote(waiting)}${knownIssue ? " (known issue)" : ""}`, function () {
          if (waiting.length > 0) this.skip();
          if (knownIssue) {
            expect(stillWrong(text, path, marks), `${path}: fixed (${knownIssue}); remove its known-issue line`).to.equal(true);
            return;
          }
          const ds = pipeline.check(text, path);
          ds.forEach((d) => expectDiagnosticInside(d, text, path));
          const { missing, extra } = differences(path, marks, ds);
          expect(missing.length + extra.length, explain(path, ds, missing, extra)).to.equal(0);
          expectGolden(goldenOf(path), renderGolden(ds));
          expect(formatProblems(pipeline, text, path), `${path}: xdc fmt`).to.deep.equal([]);
          if (area === "fmt") expectGolden(fmtGoldenOf(path), format(text, path).text);
        });
      }
    });
  }
});

describe("examples/ and stdlib/ check clean and are in canonical layout", () => {
  for (const path of [...filesUnder(root, "examples", isXdc), ...filesUnder(root, "stdlib", isXdc)]) {
    it(path, () => {
      const text = read(path);
      const ds = pipeline.check(text, path);
      expect(ds.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.severity}[${d.code}] ${d.message}`)).to.deep.equal([]);
      expect(format(text, path).text === text, `${path} is not in canonical layout: run xdc fmt --write ${path}`).to.equal(true);
    });
  }
});

describe("```xdc blocks in README.md and docs/", () => {
  const pages = [...(existsSync(join(root, "README.md")) ? ["README.md"] : []), ...filesUnder(root, "docs", (n) => n.endsWith(".md"))];
  for (const page of pages) {
    for (const block of xdcBlocks(read(page))) {
      const where = `${page}:${block.line}`;
      const waiting = unreachable(block.errors);
      if (block.fragment) {
        it(`${where} (fragment) lexes`, () => {
          const lexed = lex(block.text);
          const unterminated = [...lexed.tokens, ...lexed.comments].filter((t) => t.tokenType.name.startsWith("Unterminated"));
          expect(lexed.errors.length + unterminated.length, `${where}: the fragment does not lex`).to.equal(0);
        });
        continue;
      }
      it(`${where}${block.errors.length > 0 ? ` produces ${block.errors.join(", ")}` : " checks clean"}${pendingNote(waiting)}`, function () {
        if (waiting.length > 0) this.skip();
        const ds = pipeline.checkExample(block.text);
        // Lines in messages are the page's lines, so a failure points into the page.
        const shown = ds.map((d) => `${page}:${block.line + d.span.start.line - 1}: ${d.severity}[${d.code}] ${d.message}`);
        const codes = new Set<string>(ds.map((d) => d.code));
        expect(block.errors.filter((c) => !codes.has(c)), `${where}: expected codes not produced; found ${shown.join("; ")}`).to.deep.equal([]);
        const others = ds.filter((d) => !block.errors.includes(d.code));
        expect(others.map((d) => shown[ds.indexOf(d)]), `${where}: unexpected diagnostics`).to.deep.equal([]);
      });
    }
  }
});
