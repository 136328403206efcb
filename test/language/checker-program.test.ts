import { expect } from "chai";
import type * as A from "../../src/language/ast.js";
import { syntax } from "../../src/language/types.js";
import { checked, inVerify, textAt } from "./check-helpers.js";

/** Every expression node of a file, depth first. */
function expressions(file: A.SourceFile): A.Expr[] {
  const out: A.Expr[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(visit);
    if (x === null || typeof x !== "object") return;
    const node = x as { kind?: string; span?: unknown };
    const isExpr = ["number", "duration", "rate", "percent", "bytes", "string", "bool", "name", "list", "record", "member", "index", "call", "unary", "binary", "await", "error"];
    if (node.kind && node.span && isExpr.includes(node.kind) && !("phase" in node)) out.push(node as A.Expr);
    for (const [k, v] of Object.entries(node)) if (k !== "span" && k !== "comments") visit(v);
  };
  visit(file.items);
  return out;
}

describe("checker: the checked program", () => {
  const text = `import "std/faults"\n${inVerify("    expect fo.rto <= 45s")}`.replace("run {", "run {\n    flap(dc1, dc2) for 1m");
  const r = checked(text);

  it("checks clean", () => {
    expect(r.diagnostics).to.deep.equal([]);
  });

  it("has the type of every expression", () => {
    const missing = expressions(r.value.file).filter((e) => !r.value.types.has(e)).map((e) => `${e.kind} ${textAt(text, e)}`);
    expect(missing).to.deep.equal([]);
    const rto = expressions(r.value.file).find((e) => e.kind === "member" && e.name.name === "rto")!;
    expect(syntax(r.value.types.get(rto)!)).to.equal("Duration");
    const fo = expressions(r.value.file).find((e) => e.kind === "await")!;
    expect(syntax(r.value.types.get(fo)!)).to.equal("Failover");
  });

  it("resolves each name to its definition", () => {
    const names = expressions(r.value.file).filter((e): e is A.Name => e.kind === "name");
    const app = names.find((n) => n.name === "app")!;
    const b = r.value.symbols.get(app)!;
    expect(b.kind).to.equal("value");
    expect(b.kind === "value" && textAt(text, { span: b.span })).to.equal("app");
    expect(b.kind === "value" && b.span.start.line).to.equal(4);
    const flap = names.find((n) => n.name === "flap")!;
    const def = r.value.symbols.get(flap)!;
    expect(def.kind === "definition" && [def.definition.file, def.span.start.line]).to.deep.equal(["std:faults.xdc", 8]);
    const dc1 = r.value.symbols.get(names.find((n) => n.name === "dc1")!)!;
    expect(dc1.kind).to.equal("dc");
  });

  it("records what each call calls", () => {
    const calls = [...r.value.calls.values()].map((c) => (c.kind === "builtin" ? c.builtin.name : `def ${c.definition.name}`));
    expect(calls).to.include.members(["application", "submit", "inject", "failover", "lost", "def flap", "partition"]);
  });

  it("keeps the imported modules with their definitions", () => {
    const faults = r.value.modules.get("std:faults.xdc")!;
    expect([...faults.definitions.keys()]).to.deep.equal(["flap", "rolling_kill", "degrade", "lose_dc"]);
    expect(faults.definitions.get("flap")?.doc).to.match(/^Cuts the link/);
    expect(faults.definitions.get("flap")?.params.map((p) => `${p.name}: ${syntax(p.type)}`)).to.deep.equal(["a: DC", "b: DC", "cycles: Number", "period: Duration"]);
  });
});

describe("checker: declarations", () => {
  it("maps each declaring name to what it declares, and uses to the same binding", () => {
    const r = checked(`import "std/checks" as c\nfault cut(a: DC) { isolate(a) }\n${inVerify("    c.exactly_once(load, app.Results)")}`);
    expect(r.diagnostics).to.deep.equal([]);
    const declared = [...r.value.declarations.entries()].map(([ident, b]) => `${ident.name}:${b.kind}`);
    expect(declared).to.include.members(["c:module", "cut:definition", "a:value", "app:value", "load:value", "fo:value"]);
    const load = [...r.value.declarations.entries()].find(([i]) => i.name === "load")![1];
    const uses = [...r.value.symbols.entries()].filter(([, b]) => b === load);
    expect(uses.length).to.equal(2);
  });
});
