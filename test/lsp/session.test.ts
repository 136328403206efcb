import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  TextDocumentSyncKind,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Location,
  type Position,
} from "vscode-languageserver-protocol/node";
import { format } from "../../src/language/format.js";
import { LspClient } from "./client.js";

const LIB = "file:///tmp/xdc-lsp-session/lib.xdc";
const MAIN = "file:///tmp/xdc-lsp-session/main.xdc";

const lib = `// Cuts the link for a while.
fault cut(a: DC, b: DC, period: Duration = 10s) {
  partition(a, b) for period
}
`;

// Emoji before the positions under test: LSP columns count UTF-16 units, an emoji two.
const main = `import "std/faults"
import "./lib.xdc"

// 🚀 launch, then cut 🛰️ links
scenario "🌍 failover" {
  environment: sim
  timeout: 10m
  let app = application("A", bundle: "a.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 60s, key: "🔑")
    at 5s: partition(dc1, dc2) for 15s
    at 30s: flap(dc1, dc2) for 20s
    at 50s: cut(dc1, dc2) for 5s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
}
`;

/** The LSP position of the n-th occurrence of a needle in the text, plus some characters. */
function pos(text: string, needle: string, plus = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, at + plus);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

const items = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
const hoverValue = (h: { contents: unknown } | null) => (h && typeof h.contents === "object" && h.contents !== null && "value" in h.contents ? String(h.contents.value) : "");

describe("xdc lsp --stdio, driven by an LSP client", function () {
  let client: LspClient;
  // The documents live in this folder; the bundle they name is read from its disk (XDC2014 otherwise).
  const folder = "/tmp/xdc-lsp-session";
  const madeFolder = !existsSync(folder);
  before(() => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${folder}/a.sab`, "the bundle the documents name\n");
    client = new LspClient(["--debounce", "5"]);
  });
  after(async () => {
    await client.close();
    rmSync(`${folder}/a.sab`, { force: true });
    if (madeFolder) rmSync(folder, { recursive: true, force: true });
  });

  it("answers initialize with its capabilities", async () => {
    const { capabilities, serverInfo } = await client.initialize();
    expect(serverInfo?.name).to.equal("xdc");
    expect(capabilities.textDocumentSync).to.deep.include({ openClose: true, change: TextDocumentSyncKind.Incremental });
    expect(capabilities).to.include({ hoverProvider: true, definitionProvider: true, referencesProvider: true, documentSymbolProvider: true, documentFormattingProvider: true });
    expect(capabilities.completionProvider?.triggerCharacters).to.include(".");
    expect(capabilities.signatureHelpProvider?.triggerCharacters).to.include("(");
    expect(capabilities.semanticTokensProvider?.legend.tokenTypes).to.include("function");
  });

  it("checks a document when it opens, reading its import from the open documents", async () => {
    await client.open(LIB, lib);
    await client.open(MAIN, main);
    const d = await client.diagnostics(MAIN);
    expect(d.diagnostics).to.deep.equal([]);
  });

  it("reports an error typed in, with its code, and clears it when fixed", async () => {
    client.forget();
    const at = pos(main, "dc2) for 15s");
    const v2 = await client.edit(MAIN, { start: at, end: { line: at.line, character: at.character + 3 } }, "dc_2");
    const broken = await client.diagnostics(MAIN, (p) => p.version === v2);
    expect(broken.diagnostics.map((d) => [d.code, d.range.start])).to.deep.equal([["XDC2002", at]]);
    expect(broken.diagnostics[0]!.message).to.match(/^unknown datacenter `dc_2`/);
    const v3 = await client.edit(MAIN, { start: at, end: { line: at.line, character: at.character + 4 } }, "dc2");
    const fixed = await client.diagnostics(MAIN, (p) => p.version === v3);
    expect(fixed.diagnostics).to.deep.equal([]);
  });

  it("gives related spans: a second definition points at the first", async () => {
    client.forget();
    const at = pos(main, "  verify {");
    const v = await client.edit(MAIN, { start: at, end: at }, "  let app = 5\n");
    const d = await client.diagnostics(MAIN, (p) => p.version === v);
    const dup = d.diagnostics.find((x) => x.relatedInformation !== undefined);
    expect(dup?.code).to.match(/^XDC2/);
    expect(dup!.relatedInformation![0]!.location).to.deep.equal({ uri: MAIN, range: { start: pos(main, "app ="), end: pos(main, "app =", 3) } });
    const fixed = await client.edit(MAIN, { start: at, end: { line: at.line + 1, character: 0 } }, "");
    expect((await client.diagnostics(MAIN, (p) => p.version === fixed)).diagnostics).to.deep.equal([]);
  });

  it("hovers a builtin with the registry's doc, and a number with its unit", async () => {
    const builtin = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "partition(dc1", 2) });
    expect(hoverValue(builtin)).to.contain("partition(a: DC, b: DC) -> Fault");
    const rate = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "500/s", 1) });
    expect(hoverValue(rate)).to.contain("Rate = 500/s");
    expect(rate!.range).to.deep.equal({ start: pos(main, "500/s"), end: pos(main, "500/s", 5) });
  });

  it("completes named arguments and units", async () => {
    const named = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "rate: 500/s") });
    expect(items(named)).to.include.members(["schema:", "app", "dc1"]);
    expect(items(named)).not.to.include.members(["rate:", "for:", "key:"]);
    const units = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "60s", 2) });
    expect(items(units)).to.include.members(["ms", "s", "m", "/s"]);
  });

  it("shows the signature of the call being written", async () => {
    const help = await client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "key: \"", 5) });
    const sig = help!.signatures[0]!;
    expect(sig.label).to.match(/^inject\(/);
    const [start, end] = sig.parameters![help!.activeParameter!]!.label as [number, number];
    expect(sig.label.slice(start, end)).to.match(/^key: String/);
  });

  it("goes to definitions in an imported file and in the shipped standard library", async () => {
    const [cut] = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "cut(dc1", 1) })) as Location[];
    expect(cut).to.deep.equal({ uri: LIB, range: { start: pos(lib, "cut("), end: pos(lib, "cut(", 3) } });
    const [flap] = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "flap(", 1) })) as Location[];
    expect(flap!.uri).to.match(/\/stdlib\/faults\.xdc$/);
    expect(existsSync(fileURLToPath(flap!.uri))).to.equal(true);
  });

  it("finds references, across the files that import a definition", async () => {
    const refs = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: LIB }, position: pos(lib, "cut(", 1), context: { includeDeclaration: true } });
    expect(refs!.map((r) => [r.uri, r.range.start])).to.deep.equal([[LIB, pos(lib, "cut(")], [MAIN, pos(main, "cut(dc1")]]);
    const loads = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: MAIN }, position: pos(main, "load ="), context: { includeDeclaration: false } });
    expect(loads!.map((r) => r.range.start)).to.deep.equal([pos(main, "load,")]);
  });

  it("lists document symbols and semantic tokens", async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: MAIN } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).to.deep.equal(["std/faults", "./lib.xdc", "🌍 failover"]);
    expect(symbols[2]!.children!.map((s) => s.name)).to.include.members(["run", "verify", "app"]);
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: MAIN } });
    expect(tokens!.data.length % 5).to.equal(0);
    expect(tokens!.data.length).to.be.greaterThan(100);
  });

  it("checks again when an imported file appears on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-lsp-"));
    try {
      const uri = pathToFileURL(join(dir, "uses.xdc")).href;
      await client.open(uri, `import "./later.xdc"\n`);
      const missing = await client.diagnostics(uri);
      expect(missing.diagnostics.map((d) => d.code)).to.deep.equal(["XDC2004"]);
      writeFileSync(join(dir, "later.xdc"), lib);
      client.forget();
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, "later.xdc")).href, type: FileChangeType.Created }] });
      expect((await client.diagnostics(uri)).diagnostics).to.deep.equal([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("formats a document with the xdc fmt formatter", async () => {
    const uri = "file:///tmp/xdc-lsp-session/messy.xdc";
    const messy = `scenario "m" {environment: sim\ntimeout: 1m\n   run {   wait 5s }}\n`;
    await client.open(uri, messy);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).to.have.length(1);
    expect(edits![0]!.newText).to.equal(format(messy).text);
    expect(edits![0]!.range).to.deep.equal({ start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
  });
});
