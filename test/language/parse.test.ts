import { expect } from "chai";
import type { Expr, Scenario, Stmt } from "../../src/language/ast.js";
import { parse } from "../../src/language/parse.js";

const scenario = (src: string) => {
  const r = parse(src, "t.xdc");
  return { scenario: r.value.items.find((i) => i.kind === "scenario") as Scenario, diagnostics: r.diagnostics };
};
const runStmts = (body: string): readonly Stmt[] => {
  const { scenario: s, diagnostics } = scenario(`scenario "s" { run { ${body} } }`);
  expect(diagnostics, JSON.stringify(diagnostics.map((d) => d.message))).to.deep.equal([]);
  const block = s.members.find((m) => m.kind === "block");
  if (!block || block.kind !== "block") throw new Error("no run block");
  return block.body.stmts;
};
const exprOf = (src: string): Expr => {
  const [st] = runStmts(`expect ${src}`);
  if (st?.kind !== "expect") throw new Error("not an expect");
  return st.condition;
};

describe("parse", () => {
  it("classifies unit literals", () => {
    const e = exprOf("[250ms, 30s, 5m, 1h, 500/s, 30/m, 0.1%, 64KB, 2GiB, 1_000]");
    expect(e.kind).to.equal("list");
    if (e.kind !== "list") return;
    expect(e.items.map((i) => [i.kind, "ms" in i ? i.ms : "perSecond" in i ? i.perSecond : "bytes" in i ? i.bytes : "value" in i ? i.value : null])).to.deep.equal([
      ["duration", 250], ["duration", 30_000], ["duration", 300_000], ["duration", 3_600_000],
      ["rate", 500], ["rate", 0.5], ["percent", 0.1], ["bytes", 64_000], ["bytes", 2 * 1024 ** 3], ["number", 1000],
    ]);
  });

  it("gives operators their precedence", () => {
    const e = exprOf("a + b * c <= d and not e or f");
    expect(e.kind === "binary" && e.op).to.equal("or");
    if (e.kind !== "binary" || e.left.kind !== "binary") throw new Error("shape");
    expect(e.left.op).to.equal("and");
    const cmp = e.left.left;
    expect(cmp.kind === "binary" && cmp.op).to.equal("<=");
    if (cmp.kind !== "binary" || cmp.left.kind !== "binary") throw new Error("shape");
    expect(cmp.left.op).to.equal("+");
    expect(cmp.left.right.kind === "binary" && cmp.left.right.op).to.equal("*");
  });

  it("reads every statement form", () => {
    const kinds = runStmts(`
      let x = 1
      at 20s: partition(dc1, dc2) for 30s
      at 30s { wait 1s; wait 2s }
      after fo: log("x")
      every 5s for 1m { wait 1s }
      parallel { wait 1s }
      await healthy(app, on: dc1) within 2m as h
      let fo = await failover(app, to: dc2) within 60s
      wait 5s
      repeat 3 { wait 1s }
      expect x == 1 else "x is one"
      revert(f)
    `).map((s) => s.kind);
    expect(kinds).to.deep.equal(["let", "at", "at", "after", "every", "parallel", "awaitStmt", "let", "wait", "repeat", "expect", "expr"]);
  });

  it("lets keywords name arguments, fields and members", () => {
    const [st] = runStmts(`inject(app.Ingest, rate: 500/s, for: 90s, schema: {for: 1, "x-y": 2})`);
    if (st?.kind !== "expr" || st.expr.kind !== "call") throw new Error("shape");
    expect(st.expr.args.map((a) => a.name?.name)).to.deep.equal([undefined, "rate", "for", "schema"]);
  });

  it("puts exact spans on nodes", () => {
    const src = 'scenario "s" {\n  run {\n    wait 5s\n  }\n}\n';
    const [st] = scenario(src).scenario.members.flatMap((m) => (m.kind === "block" ? m.body.stmts : []));
    expect(st?.span.start).to.deep.equal({ offset: 27, line: 3, column: 5 });
    expect(st?.span.end).to.deep.equal({ offset: 34, line: 3, column: 12 });
    expect(src.slice(st!.span.start.offset, st!.span.end.offset)).to.equal("wait 5s");
  });

  it("reports three separate syntax errors in one run", () => {
    const { diagnostics } = scenario('scenario "s" {\n run {\n  partition(dc1 dc2)\n  let = 3\n  wait )\n }\n}\n');
    expect(diagnostics.map((d) => [d.code, d.span.start.line])).to.deep.equal([["XDC1001", 3], ["XDC1001", 4], ["XDC1001", 5]]);
  });

  it("places an error at end of input after the last token, never NaN", () => {
    const { diagnostics } = scenario('scenario "s" {\n  run {');
    expect(diagnostics).to.have.length(1);
    expect(diagnostics[0]!.span.start).to.deep.equal({ offset: 22, line: 2, column: 8 });
    const empty = parse("", "e.xdc");
    expect(empty.diagnostics).to.deep.equal([]);
  });

  it("reports literal problems once each, without syntax noise", () => {
    const { diagnostics } = scenario('scenario "s" { run { wait 10sec; log("a\\qb"); let t = "open\n } }');
    expect(diagnostics.map((d) => d.code)).to.deep.equal(["XDC1006", "XDC1005", "XDC1002"]);
    expect(diagnostics[0]!.help?.message).to.equal("write `10s`");
  });

  it("keeps comments and reads doc comments of definitions", () => {
    const r = parse("// not doc\n\n// flaps\n// twice\nfault flap(a: DC) { partition(a, a) for 1s } /* end */", "f.xdc");
    expect(r.value.comments.map((c) => c.text)).to.deep.equal(["// not doc", "// flaps", "// twice", "/* end */"]);
    const def = r.value.items[0];
    expect(def?.kind === "fault" && def.doc).to.equal("flaps\ntwice");
  });

  it("reads environments with contextual `dc`", () => {
    const r = parse('environment lab { ssh_key: "k" dc dc1 { streams: "u" instance: "i" } dc dc2 { streams: "v" instance: "j" } }', "e.xdc");
    expect(r.diagnostics).to.deep.equal([]);
    const env = r.value.items[0];
    if (env?.kind !== "environment") throw new Error("shape");
    expect(env.members.map((m) => (m.kind === "dc" ? `dc ${m.name.name}` : m.key.name))).to.deep.equal(["ssh_key", "dc dc1", "dc dc2"]);
  });
});

describe("parse recovery", () => {
  const codesAndLines = (src: string) => parse(src, "r.xdc").diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.column}`);

  it("reports a missing comma once and keeps reading the block", () => {
    const r = parse('scenario "s" {\n  run {\n    partition(dc1 dc2) for 30s\n    wait 5s\n  }\n}\n', "r.xdc");
    expect(r.diagnostics.map((d) => d.label)).to.deep.equal(["expected `,` or `)`"]);
    const scenario = r.value.items[0];
    const run = scenario?.kind === "scenario" ? scenario.members.find((m) => m.kind === "block") : undefined;
    expect(run?.kind === "block" && run.body.stmts.map((s) => s.kind)).to.deep.equal(["expr", "wait"]);
  });

  it("points at the token where a block's `{` is missing", () => {
    expect(codesAndLines('scenario "s" {\n  run\n    wait 5s\n  }\n}\n')).to.deep.equal(["XDC1001@3:5"]);
  });

  it("survives two operators in a row and half-typed members", () => {
    expect(codesAndLines('scenario "s" { verify { expect a <= * b } }')).to.deep.equal(["XDC1001@1:37"]);
    expect(() => parse("fault f(a: DC) {\n  wait gaps[ .\n", "h.xdc")).not.to.throw();
    expect(() => parse("let x = a.\nlet y = f(", "h.xdc")).not.to.throw();
  });
});
