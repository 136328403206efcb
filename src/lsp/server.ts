import { TextDocuments, type Connection } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Clock } from "../runtime/clock.js";
import { VERSION } from "../version.js";
import type { Analysis } from "./analysis.js";
import { CAPABILITIES } from "./capabilities.js";
import { completionsAt } from "./completion.js";
import { Debouncer } from "./debounce.js";
import { diagnosticsFor, quickFixes } from "./diagnostics.js";
import { formatDocument } from "./formatting.js";
import { hoverAt } from "./hover.js";
import { definitionAt, referencesAt } from "./navigation.js";
import { semanticTokens } from "./semantic-tokens.js";
import { signatureHelpAt } from "./signature.js";
import { documentSymbols } from "./symbols.js";
import { Uris } from "./uris.js";
import { Workspace } from "./workspace.js";

export interface ServerOptions {
  /** Times the wait between an edit and its diagnostics. */
  readonly clock: Clock;
  /** Edits closer together than this wait until they pause this long before a check (a lone edit is checked at once); default 10 ms. */
  readonly debounceMs?: number;
  /** Where xdc's `stdlib/` files are, so go-to-definition can open a standard-library module. */
  readonly stdlibDir?: string;
}

/**
 * The language server over a connection: documents kept in sync incrementally, checked on
 * open and (debounced) on change, and every feature answered from the same check `xdc check`
 * runs. Returns when it is wired; the connection then drives it until `exit`.
 */
export function serve(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const uris = new Uris(options.stdlibDir);
  const workspace = new Workspace(documents, uris);
  const debouncer = new Debouncer(options.clock, options.debounceMs ?? 10);

  const publish = (uri: string) => {
    try {
      const a = workspace.analysis(uri);
      if (a) void connection.sendDiagnostics({ uri, version: a.version, diagnostics: diagnosticsFor(a.diagnostics, a.path, uris) });
    } catch (e) {
      connection.console.error(`xdc: internal error while checking ${uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
  const publishWithDependents = (uri: string) => {
    publish(uri);
    for (const other of workspace.dependents(uri)) publish(other);
  };

  /** Runs a feature on the current analysis of a document at a position. */
  const at = <R>(uri: string, position: { line: number; character: number }, run: (a: Analysis, offset: number) => R, none: R): R => {
    const a = workspace.analysis(uri);
    return a ? run(a, a.lines.offsetAt(position)) : none;
  };

  connection.onInitialize(() => ({ capabilities: CAPABILITIES, serverInfo: { name: "xdc", version: VERSION } }));

  // The document manager reports an opened document as changed content too, so this one
  // handler checks documents both when they open and when they change.
  documents.onDidChangeContent((e) => {
    workspace.changed(e.document.uri);
    debouncer.schedule(e.document.uri, () => publishWithDependents(e.document.uri));
  });
  documents.onDidClose((e) => {
    debouncer.forget(e.document.uri);
    workspace.closed(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // An imported file saved or changed outside the editor: re-check what is open (the client
  // decides which files it watches; the VS Code extension watches **/*.xdc).
  connection.onDidChangeWatchedFiles(() => {
    workspace.changedOnDisk();
    for (const d of documents.all()) debouncer.schedule(d.uri, () => publish(d.uri));
  });

  connection.onHover((p) => at(p.textDocument.uri, p.position, hoverAt, null));
  connection.onCompletion((p) => at(p.textDocument.uri, p.position, completionsAt, []));
  connection.onSignatureHelp((p) => at(p.textDocument.uri, p.position, signatureHelpAt, null));
  connection.onDefinition((p) => at(p.textDocument.uri, p.position, (a, o) => definitionAt(a, o, uris), []));
  connection.onReferences((p) => at(p.textDocument.uri, p.position, (a, o) => referencesAt(a, o, workspace.all(), p.context.includeDeclaration, uris), []));
  connection.onDocumentSymbol((p) => {
    const a = workspace.analysis(p.textDocument.uri);
    return a ? documentSymbols(a.program.file) : [];
  });
  connection.onDocumentFormatting((p) => {
    const a = workspace.analysis(p.textDocument.uri);
    return a ? formatDocument(a.text, a.path, a.lines) : [];
  });
  connection.onCodeAction((p) => {
    const a = workspace.analysis(p.textDocument.uri);
    return a ? quickFixes(a.diagnostics, a.path, a.uri, p.range, uris) : [];
  });
  connection.languages.semanticTokens.on((p) => {
    const a = workspace.analysis(p.textDocument.uri);
    return a ? semanticTokens(a) : { data: [] };
  });
  connection.onShutdown(() => debouncer.dispose());

  documents.listen(connection);
  connection.listen();
}
