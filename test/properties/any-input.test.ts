import { expect } from "chai";
import fc from "fast-check";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCheck } from "../../src/cli/check-run.js";
import type { Io } from "../../src/cli/io.js";
import { twinLayout } from "../../src/cli/plan-twin.js";
import { errorCount, MAX_ERRORS_PER_FILE, type Diagnostic } from "../../src/language/diagnostics.js";
import { format } from "../../src/language/format.js";
import { checkText, fileSystemHost } from "../../src/language/index.js";
import { analyse } from "../../src/lsp/analysis.js";
import { completionsAt } from "../../src/lsp/completion.js";
import { formatDocument } from "../../src/lsp/formatting.js";
import { hoverAt } from "../../src/lsp/hover.js";
import { Lines } from "../../src/lsp/positions.js";
import { semanticTokens } from "../../src/lsp/semantic-tokens.js";
import { documentSymbols } from "../../src/lsp/symbols.js";
import { plan } from "../../src/plan/plan.js";
import { targetFor } from "../../src/plan/target.js";

/**
 * Issue 20 §1: no input crashes or floods. Mutated reference scenarios (examples/, stdlib/),
 * random bytes, and the pathological shapes found by hand (operator chains thousands of
 * terms long, deep nesting) go through what a user runs on a file: `check`, `fmt`, `plan`
 * and the language server's features, in process. None may throw, none may take longer
 * than HANG_MS on one input (a hang detector, not a speed test: the benches measure speed),
 * and no file gets more than MAX_ERRORS_PER_FILE errors.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const REFERENCES = ["examples", "stdlib"].flatMap((dir) =>
  readdirSync(join(root, dir)).filter((n) => n.endsWith(".xdc")).map((n) => ({ name: `${dir}/${n}`, text: readFileSync(join(root, dir, n), "utf8") })),
);
const HANG_MS = 30_000;
const host = fileSystemHost();

/** Everything a user can run on one file; returns the check's diagnostics. */
async function everything(text: string, path: string): Promise<readonly Diagnostic[]> {
  const started = performance.now();
  const checked = checkText(text, path, host);
  format(text, path);
  if (errorCount(checked.diagnostics) === 0) {
    await plan(checked.value, (file) => (file === path ? text : host.read(file)), (s) => targetFor(s, { twin: twinLayout }));
  }
  const a = analyse(`file://${path}`, path, 1, text, host);
  semanticTokens(a);
  documentSymbols(a.program.file);
  formatDocument(text, path, new Lines(text));
  for (const offset of [0, text.length >> 1, text.length]) {
    hoverAt(a, offset);
    completionsAt(a, offset);
  }
  const ms = performance.now() - started;
  expect(ms, `${ms.toFixed(0)} ms on one input`).to.be.below(HANG_MS);
  return checked.diagnostics;
}

const errorsPerFile = (ds: readonly Diagnostic[]) => {
  const n = new Map<string, number>();
  for (const d of ds) if (d.severity === "error") n.set(d.span.file, (n.get(d.span.file) ?? 0) + 1);
  return Math.max(0, ...n.values());
};

/** One edit of a text: what a slip of the keyboard, a bad paste or a generator can do. */
const mutation = (text: string): fc.Arbitrary<string> => {
  const at = fc.nat({ max: text.length });
  return fc.oneof(
    fc.tuple(at, fc.nat({ max: 200 })).map(([i, n]) => text.slice(0, i) + text.slice(i + n)),
    fc.tuple(at, fc.string({ unit: "binary", maxLength: 20 })).map(([i, s]) => text.slice(0, i) + s + text.slice(i)),
    fc.tuple(at, fc.constantFrom("{", "}", "(", ")", "[", "]", ",", ":", '"', "=", "==", "<", "#", "let", "else", "“", "\u0000", "\u001b[2J")).map(([i, s]) => text.slice(0, i) + s + text.slice(i)),
    fc.tuple(at, fc.nat({ max: 200 }), fc.integer({ min: 2, max: 50 })).map(([i, n, k]) => text.slice(0, i) + text.slice(i, i + n).repeat(k) + text.slice(i + n)),
    fc.tuple(at, fc.integer({ min: 1, max: 3000 })).map(([i, k]) => text.slice(0, i) + " + 1ms".repeat(k) + text.slice(i)),
    fc.tuple(at, fc.integer({ min: 1, max: 400 }), fc.constantFrom("(", "[", "{", "-", "not ", "f(", ".x")).map(([i, k, open]) => text.slice(0, i) + open.repeat(k) + text.slice(i)),
  );
};

const mutated = fc.constantFrom(...REFERENCES).chain((ref) => fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).chain((steps) => {
  let arb: fc.Arbitrary<string> = fc.constant(ref.text);
  for (const _ of steps) arb = arb.chain(mutation);
  return arb;
}));

/** Bytes read as a file is read: decoded as UTF-8, invalid sequences as U+FFFD. */
const randomBytes = fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b).toString("utf8"));

describe("any input: no crash, no hang, no flood (check, fmt, plan, language server)", function () {
  this.timeout(300_000);

  it("mutated reference scenarios", async () => {
    await fc.assert(fc.asyncProperty(mutated, async (text) => {
      expect(errorsPerFile(await everything(text, join(root, "examples", "mutated.xdc")))).to.be.at.most(MAX_ERRORS_PER_FILE);
    }), { numRuns: 100 });
  });

  it("random bytes are one diagnostic when they are not text, and never a flood", async () => {
    await fc.assert(fc.asyncProperty(randomBytes, async (text) => {
      const ds = await everything(text, "/tmp/random.xdc");
      expect(errorsPerFile(ds)).to.be.at.most(MAX_ERRORS_PER_FILE);
      if (text.includes("\0") || text.includes("\ufffd")) expect(ds.map((d) => d.code)).to.deep.equal(["XDC1012"]);
    }), { numRuns: 150 });
  });

  const scenario = (run: string) => `scenario "s" {\n  timeout: 10m\n  run {\n    ${run}\n  }\n}\n`;
  const chain = (op: string, term: string, n: number) => Array.from({ length: n }, () => term).join(` ${op} `);

  for (const [what, text, codes] of [
    ["`wait 1ms + 1ms + …` with 3000 terms", scenario(`wait ${chain("+", "1ms", 3000)}`), []],
    ["`expect a and b and …` with 3000 terms", scenario(`expect ${chain("and", "true", 3000)}`), []],
    ["`a < b < …` with 3000 terms", scenario(`expect ${chain("<", "1s", 3000)}`), undefined],
    ["400 nested `(`", scenario(`wait ${"(".repeat(400)}1ms${")".repeat(400)}`), ["XDC1011"]],
    ["400 nested `(` never closed", scenario(`wait ${"(".repeat(400)}1ms`), undefined],
    ["400 nested blocks", scenario(`${"parallel { ".repeat(400)}wait 1s${" }".repeat(400)}`), ["XDC1011"]],
    ["3000 `-` prefixes", scenario(`wait ${"-".repeat(3000)}1ms`), ["XDC1011"]],
    ["3000 `not (`", scenario(`expect ${"not (".repeat(3000)}true${")".repeat(3000)}`), ["XDC1011"]],
    ["3000 `not a == not b …`", scenario(`expect ${chain("==", "not true", 3000)}`), ["XDC1011"]],
    ["a 3000-link member chain", scenario(`wait x${".y".repeat(3000)}`), ["XDC1011"]],
    ["3000 `at 1s:`", scenario(`${"at 1s: ".repeat(3000)}wait 1s`), undefined],
  ] as const) {
    it(`${what}: no crash${codes ? `, ${codes.length === 0 ? "no diagnostics" : codes.join(", ")}` : ""}`, async () => {
      const ds = await everything(text, "/tmp/pathological.xdc");
      expect(errorsPerFile(ds)).to.be.at.most(MAX_ERRORS_PER_FILE);
      if (codes) expect(ds.map((d) => `${d.code} ${d.message}`)).to.deep.equal(codes.map((c) => `${c} nested too deeply`));
    });
  }

  it("`xdc check .` keeps the other files' diagnostics when one file is pathological", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-any-"));
    try {
      writeFileSync(join(dir, "a-chain.xdc"), scenario(`wait ${chain("+", "1ms", 3000)} + 5`));
      writeFileSync(join(dir, "b-deep.xdc"), scenario(`wait ${"(".repeat(400)}1ms${")".repeat(400)}`));
      writeFileSync(join(dir, "c-bytes.xdc"), Buffer.from([0x73, 0x63, 0x00, 0xff, 0xfe, 0x80]));
      writeFileSync(join(dir, "d-plain.xdc"), scenario("wait 5"));
      const out: string[] = [];
      const io: Io = { out: (t) => void out.push(t), err: (t) => void out.push(t), readStdin: async () => "" };
      expect(await runCheck({ paths: [dir], format: "short", colour: false }, io)).to.equal(1);
      const lines = out.join("").split("\n").filter((l) => l.includes(": error: ")).map((l) => l.replace(dir + "/", "").replace(/:\d+:\d+: error: .*\[/, " ["));
      expect(lines).to.deep.equal(["a-chain.xdc [XDC3001]", "b-deep.xdc [XDC1011]", "c-bytes.xdc [XDC1012]", "d-plain.xdc [XDC3001]"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
