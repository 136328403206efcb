import { expect } from "chai";
import { CompletionItemKind } from "vscode-languageserver";
import { completionsAt } from "../../src/lsp/completion.js";
import { hoverAt } from "../../src/lsp/hover.js";
import { definitionAt, referencesAt } from "../../src/lsp/navigation.js";
import { signatureHelpAt } from "../../src/lsp/signature.js";
import { documentSymbols } from "../../src/lsp/symbols.js";
import { Uris } from "../../src/lsp/uris.js";
import { atCursor, scenario } from "./cursor.js";

const hoverText = (marked: string) => {
  const { a, offset } = atCursor(marked);
  const h = hoverAt(a, offset);
  return h && typeof h.contents === "object" && "value" in h.contents ? h.contents.value : undefined;
};
const labels = (marked: string) => {
  const { a, offset } = atCursor(marked);
  return completionsAt(a, offset).map((c) => c.label);
};

describe("lsp features", () => {
  describe("hover", () => {
    it("shows a builtin's signature and doc from the registry", () => {
      const text = hoverText(scenario("    at 5s: parti<|>tion(dc1, dc2) for 15s"));
      expect(text).to.contain("partition(a: DC, b: DC) -> Fault");
      expect(text).to.contain("Cuts every network path");
    });
    it("shows a let binding's type", () => {
      expect(hoverText(scenario(`    let lo<|>ad = inject(app.Ingest, rate: 5/s, for: 30s)`))).to.contain("let load: Workload");
    });
    it("shows the type and value of an expression with its unit", () => {
      expect(hoverText(scenario("    wait 1<|>500ms"))).to.contain("Duration = 1500ms");
      expect(hoverText(scenario("    let _r = 5/s * 2<|>"))).to.contain("Number = 2");
    });
    it("shows a named argument's parameter doc", () => {
      expect(hoverText(scenario(`    let _l = inject(app.Ingest, ra<|>te: 5/s, for: 30s)`))).to.match(/parameter of inject\) rate: Rate/);
    });
    it("shows a user definition with its doc comment", () => {
      const text = hoverText(`// Cuts and heals.\nfault cut(a: DC, b: DC, period: Duration = 10s) {\n  partition(a, b) for period\n}\n${scenario("    c<|>ut(dc1, dc2)")}`);
      expect(text).to.contain("fault cut(a: DC, b: DC, period: Duration = 10s) -> Fault");
      expect(text).to.contain("Cuts and heals.");
    });
    it("shows a standard-library fault or check, imported or not", () => {
      const imported = hoverText(`import "std/faults"\n${scenario("    fl<|>ap(dc1, dc2) for 1m")}`);
      expect(imported).to.contain("fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 20s) -> Fault");
      expect(imported).to.contain("Cuts the link between two datacenters");
      const missing = hoverText(scenario("    fl<|>ap(dc1, dc2) for 1m"));
      expect(missing).to.contain("fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 20s) -> Fault");
      expect(missing).to.contain('`import "std/faults"`');
      const check = hoverText(`import "std/checks"\n${scenario("    let load = inject(app.Ingest, rate: 5/s, for: 30s)", "    exactly_o<|>nce(load, app.Results)")}`);
      expect(check).to.contain('check exactly_once(load: Workload, sink: Endpoint, key: String = "seq")');
    });
    it("shows nothing on a keyword or in a comment", () => {
      expect(hoverText(scenario("    // a co<|>mment"))).to.equal(undefined);
      expect(hoverText(scenario("    wa<|>it 5s"))).to.equal(undefined);
    });
  });

  describe("completion", () => {
    it("offers the standard library's faults and checks, adding the import when one is not imported", () => {
      const { a, offset } = atCursor(scenario("    fl<|>"));
      const flap = completionsAt(a, offset).find((c) => c.label === "flap")!;
      expect(flap.detail).to.equal("fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 20s) -> Fault (std/faults)");
      expect(flap.additionalTextEdits).to.deep.equal([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'import "std/faults"\n' }]);
      expect(completionsAt(a, offset).map((c) => c.label)).to.include.members(["exactly_once", "burst", "lose_dc"]);
      const imported = atCursor(`import "std/faults"\n${scenario("    fl<|>")}`);
      const again = completionsAt(imported.a, imported.offset).filter((c) => c.label === "flap");
      expect(again).to.have.length(1);
      expect(again[0]!.additionalTextEdits).to.equal(undefined);
    });
    it("offers the named arguments of the call under the cursor, not those given", () => {
      expect(labels(scenario("    let _l = inject(app.Ingest, for: 1m, <|>)"))).not.to.include("for:");
      const got = labels(scenario("    submit(app, to: dc1, <|>)"));
      expect(got).to.include.members(["role:", "params:"]);
      expect(got).not.to.include("to:");
      expect(got).not.to.include("app:");
    });
    it("offers the datacenters of the environment and builtins inside a call", () => {
      expect(labels(scenario("    partition(<|>"))).to.include.members(["a:", "b:", "dc1", "dc2", "partition", "inject"]);
    });
    it("offers units after a number, replacing what is typed of the unit", () => {
      const { a, offset } = atCursor(scenario("    wait 30m<|>"));
      const items = completionsAt(a, offset);
      expect(items.map((i) => i.label)).to.include.members(["ms", "s", "m", "h", "/s", "%", "KB"]);
      const ms = items.find((i) => i.label === "ms")!;
      expect(ms.kind).to.equal(CompletionItemKind.Unit);
      expect(ms.textEdit).to.deep.include({ newText: "ms" });
      expect((ms.textEdit as { range: { start: { character: number }; end: { character: number } } }).range.end.character
        - (ms.textEdit as { range: { start: { character: number } } }).range.start.character).to.equal(1);
    });
    it("offers the lets in scope, but not those declared after the cursor", () => {
      const got = labels(scenario("    let load = inject(app.Ingest, rate: 5/s, for: 30s)\n    let fo = await failover(app, to: dc2) within 60s", "    expect lost(<|>\n    let later = 5"));
      expect(got).to.include.members(["load", "fo", "app"]);
      expect(got).not.to.include("later");
    });
    it("offers members after a dot: endpoints of an application, fields of a failover", () => {
      expect(labels(scenario("    let _x = app.<|>"))).to.have.members(["Ingest", "Results"]);
      expect(labels(scenario("    let fo = await failover(app, to: dc2) within 60s", "    expect fo.<|>"))).to.include.members(["rto", "from", "to"]);
    });
    it("offers nothing inside a string or a comment", () => {
      expect(labels(scenario(`    log("par<|>")`))).to.deep.equal([]);
      expect(labels(scenario("    // par<|>"))).to.deep.equal([]);
    });
  });

  describe("signature help", () => {
    it("shows the signature with the active parameter, positional or named", () => {
      const { a, offset } = atCursor(scenario("    latency(dc1, <|>"));
      const help = signatureHelpAt(a, offset)!;
      expect(help.signatures[0]!.label).to.match(/^latency\(a: DC, b: DC, delay: Duration/);
      expect(help.activeParameter).to.equal(1);
      const named = atCursor(scenario("    latency(dc1, dc2, jitter: <|>"));
      const h2 = signatureHelpAt(named.a, named.offset)!;
      const [start, end] = h2.signatures[0]!.parameters![h2.activeParameter!]!.label as [number, number];
      expect(h2.signatures[0]!.label.slice(start, end)).to.match(/^jitter: Duration/);
    });
  });

  describe("definition and references", () => {
    const uris = new Uris("/opt/xdc/stdlib");
    it("goes from a use to the let, and into an imported standard-library module", () => {
      const { a, offset } = atCursor(`import "std/faults"\n${scenario("    let load = inject(app.Ingest, rate: 5/s, for: 30s)\n    fl<|>ap(dc1, dc2) for 1m", "    expect lost(load, app.Results) <= 1%")}`);
      const [loc] = definitionAt(a, offset, uris);
      expect(loc!.uri).to.equal("file:///opt/xdc/stdlib/faults.xdc");
      expect(loc!.range.start.line).to.be.greaterThan(0);
      const use = atCursor(`${scenario("    let load = inject(app.Ingest, rate: 5/s, for: 30s)", "    expect lost(lo<|>ad, app.Results) <= 1%")}`);
      const [def] = definitionAt(use.a, use.offset, uris);
      expect(def!.range.start).to.deep.equal({ line: 5, character: 8 });
    });
    it("goes from an import's path to the module", () => {
      const { a, offset } = atCursor(`import "std/fa<|>ults"\n`);
      expect(definitionAt(a, offset, uris)).to.deep.equal([{ uri: "file:///opt/xdc/stdlib/faults.xdc", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    });
    it("finds every use of a let, with or without its declaration", () => {
      const { a, offset } = atCursor(scenario("    let lo<|>ad = inject(app.Ingest, rate: 5/s, for: 30s)\n    log(load.sent)", "    expect lost(load, app.Results) <= 1%"));
      expect(referencesAt(a, offset, [], true, uris).map((l) => l.range.start.line)).to.deep.equal([5, 6, 9]);
      expect(referencesAt(a, offset, [], false, uris).map((l) => l.range.start.line)).to.deep.equal([6, 9]);
    });
  });

  describe("document symbols", () => {
    it("outlines scenarios with settings, lets and phases, and definitions", () => {
      const { a } = atCursor(`fault cut(a: DC, b: DC) {\n  partition(a, b) for 1s\n}\n${scenario("    let load = inject(app.Ingest, rate: 5/s, for: 30s)<|>")}`);
      const symbols = documentSymbols(a.program.file);
      expect(symbols.map((s) => s.name)).to.deep.equal(["cut", "s"]);
      expect(symbols[1]!.children!.map((s) => s.name)).to.deep.equal(["environment", "timeout", "app", "run", "verify"]);
      expect(symbols[1]!.children![3]!.children!.map((s) => s.name)).to.deep.equal(["load"]);
    });
  });
});
