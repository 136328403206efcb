import fc from "fast-check";
import { KEYWORDS } from "../../src/language/lexer.js";
import { ALL_SUFFIXES } from "../../src/language/literals.js";

/**
 * Generators of .xdc text for property tests and benchmarks.
 *
 * `xdcLike()` is text that looks like xdc to the lexer but is mostly wrong: keywords, unit
 * literals, names, punctuation, strings, comments and stray characters in any order, since
 * random strings rarely get past the lexer. `validScenario()` is a scenario that parses
 * cleanly, with comments in it, built from the phrases real scenarios use.
 */

const PUNCTUATION = ["{", "}", "(", ")", "[", "]", ",", ":", ";", ".", "==", "!=", "<=", ">=", "<", ">", "=", "+", "-", "*", "/"];
const NAMES = ["app", "load", "fo", "cut", "dc", "dc1", "dc2", "dc3", "dcl", "partition", "inject", "failover", "healthy", "timeout", "tags", "Results", "Ingest", "_x", "x_1"];
const STRAY = ["'", "\u201c", "\u201d", "#", "!", "@", "$", "?", "\\", "`", "~", "|", "&", "^", "\u00a0", "\ufeff", "\u2013", "é", "😀", "\ud800", "\t", "\r", "\r\n", "\0"];
const BAD_SUFFIXES = ["sec", "M", "MS", "min", "x", "/sec", "/", "e", "E5", "_"];

const digits = fc.oneof(
  fc.nat({ max: 100_000 }).map(String),
  fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom("1_000", "1e6", "1e400", "2.5e-3", "0", "007", "1__0", "9".repeat(400)),
);
const numberLiteral = fc.tuple(digits, fc.constantFrom("", "", ...ALL_SUFFIXES, ...BAD_SUFFIXES)).map(([d, s]) => d + s);

const stringLiteral = fc
  .tuple(
    fc.array(fc.oneof(fc.string({ maxLength: 6 }).map((s) => s.replace(/["\\\n\r]/g, "")), fc.constantFrom("\\n", "\\t", "\\\"", "\\\\", "\\u{1F600}", "\\u0041", "\\q", "\\u{110000}", "\\u12", "\\")), { maxLength: 4 }),
    fc.constantFrom('"', '"', '"', ""),
  )
  .map(([parts, close]) => `"${parts.join("")}${close}`);

const comment = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => `//${s.replace(/[\n\r]/g, " ")}\n`),
  fc.string({ maxLength: 12 }).map((s) => `/*${s.replace(/\*\//g, "")}*/`),
  fc.constantFrom("/*", "/* unclosed", "/**/", "/***/", "// error[XDC1001]\n"),
);

const phrase = fc.constantFrom(
  'scenario "s" {', "run {", "setup {", "verify {", "at 20s:", "await failover(app, to: dc2) within 60s",
  "partition(dc1, dc2) for 30s", "environment lab {", "dc dc1 {", "fault f(a: DC) {", "let x =", "expect fo.rto <= 45s",
  'inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")', "repeat 3 {", "every 5s for 1m {", "parallel {", 'import "std/faults" as f',
);

const fragment = fc.oneof(
  { arbitrary: fc.constantFrom(...KEYWORDS), weight: 4 },
  { arbitrary: numberLiteral, weight: 3 },
  { arbitrary: fc.constantFrom(...NAMES), weight: 4 },
  { arbitrary: fc.constantFrom(...PUNCTUATION), weight: 5 },
  { arbitrary: stringLiteral, weight: 2 },
  { arbitrary: comment, weight: 1 },
  { arbitrary: fc.constantFrom(...STRAY), weight: 1 },
  { arbitrary: phrase, weight: 2 },
);

const separator = fc.constantFrom(" ", " ", "\n", "", "  ", "\n\n", "\t");

export function xdcLike(): fc.Arbitrary<string> {
  return fc.array(fc.tuple(fragment, separator), { maxLength: 60 }).map((parts) => parts.map(([f, s]) => f + s).join(""));
}

// ── valid scenarios ─────────────────────────────────────────────────────────

const duration = fc.tuple(fc.integer({ min: 1, max: 600 }), fc.constantFrom("ms", "s", "s", "m")).map(([n, u]) => `${n}${u}`);
const rate = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom("/s", "/m")).map(([n, u]) => `${n}${u}`);
const percent = fc.constantFrom("0%", "0.1%", "0.5%", "1%", "5%");
const dc = fc.constantFrom("dc1", "dc2");
const words = fc.array(fc.constantFrom("cut", "the", "link", "then", "check", "order", "again", "DC2", "takes", "over"), { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
const lineComment = words.map((w) => `// ${w}`);
const blockComment = words.map((w) => `/* ${w} */`);

/** One statement, as the lines it takes. */
type Stmt = { readonly lines: readonly string[] };

const simpleStmt: fc.Arbitrary<Stmt> = fc.oneof(
  duration.map((d) => ({ lines: [`wait ${d}`] })),
  fc.tuple(duration, dc, dc, duration).map(([at, a, b, d]) => ({ lines: [`at ${at}: partition(${a}, ${b}) for ${d}`] })),
  fc.tuple(rate, duration).map(([r, d]) => ({ lines: [`let load = inject(app.Ingest, rate: ${r}, for: ${d}, key: "seq")`] })),
  fc.tuple(dc, duration).map(([to, d]) => ({ lines: [`let fo = await failover(app, to: ${to}) within ${d}`] })),
  fc.tuple(dc, duration).map(([on, d]) => ({ lines: [`await healthy(app, on: ${on}) within ${d} as h`] })),
  fc.tuple(duration, fc.constantFrom("<=", "<", ">=", "==")).map(([d, op]) => ({ lines: [`expect fo.rto ${op} ${d} else "failover took too long"`] })),
  percent.map((p) => ({ lines: [`expect lost(load, app.Results) <= ${p} and duplicates(load, app.Results) == 0`] })),
  fc.constant({ lines: ['expect not ordered(app.Results, by: "seq") or (1 + 2 * 3 - 4 / 2) > 0'] }),
  fc.tuple(dc, dc).map(([a, b]) => ({ lines: [`let cut = partition(${a}, ${b})`, "revert(cut)"] })),
  fc.tuple(duration, percent, fc.constantFrom("", " run", " steady")).map(([d, p, phase]) => ({
    lines: [`let rate = sample throughput(app.Results, over: 1s) every ${d}`, `expect rate >= ${p} of 500/s throughout${phase}`, "expect max(rate, over: 1m) <= 10000/s"],
  })),
  rate.map((r) => ({ lines: [`let base = baseline throughput(app.Results, over: 5s)  // ${r}`, "expect throughput(app.Results) >= 90% of base"] })),
);

const statement: fc.Arbitrary<Stmt> = fc.letrec<{ stmt: Stmt; body: readonly Stmt[] }>((tie) => ({
  body: fc.array(tie("stmt"), { minLength: 1, maxLength: 4 }),
  stmt: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: simpleStmt, weight: 6 },
    { arbitrary: fc.tuple(fc.integer({ min: 1, max: 5 }), tie("body")).map(([n, b]) => nested(`repeat ${n} {`, b)), weight: 1 },
    { arbitrary: fc.tuple(duration, duration, tie("body")).map(([i, d, b]) => nested(`every ${i} for ${d} {`, b)), weight: 1 },
    { arbitrary: tie("body").map((b) => nested("parallel {", b)), weight: 1 },
    { arbitrary: fc.tuple(duration, tie("body")).map(([t, b]) => nested(`at ${t} {`, b)), weight: 1 },
  ),
})).stmt;

function nested(head: string, body: readonly Stmt[]): Stmt {
  return { lines: [head, ...body.flatMap((s) => s.lines.map((l) => `  ${l}`)), "}"] };
}

/** Statement lines, some with a comment after them or on a line above them. */
const commentedBody = fc
  .array(fc.tuple(statement, fc.option(lineComment, { freq: 4 }), fc.option(lineComment, { freq: 5 })), { minLength: 1, maxLength: 8 })
  .map((items) =>
    items.flatMap(([s, trailing, above]) => {
      const lines = [...s.lines];
      if (trailing !== null) lines[0] = `${lines[0]}  ${trailing}`;
      return above !== null ? [above, ...lines] : lines;
    }),
  );

const PHASES = ["setup", "steady", "run", "verify", "teardown"] as const;

export function validScenario(): fc.Arbitrary<string> {
  return fc
    .record({
      name: words,
      tags: fc.array(fc.constantFrom("network", "smoke", "nightly", "data"), { maxLength: 3 }),
      timeout: fc.integer({ min: 1, max: 60 }),
      header: fc.option(blockComment, { freq: 3 }),
      phases: fc.tuple(...PHASES.map((p) => fc.option(commentedBody.map((b) => ({ phase: p, body: b })), { freq: 4 }))),
    })
    .map(({ name, tags, timeout, header, phases }) => {
      const out = header !== null ? [header] : [];
      out.push(`scenario "${name}" {`);
      if (tags.length > 0) out.push(`  tags: [${tags.map((t) => `"${t}"`).join(", ")}]`);
      out.push(`  timeout: ${timeout}m`, '  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab")');
      for (const p of phases) {
        if (p === null) continue;
        out.push("", `  ${p.phase} {`, ...p.body.map((l) => `    ${l}`), "  }");
      }
      out.push("}", "");
      return out.join("\n");
    });
}
