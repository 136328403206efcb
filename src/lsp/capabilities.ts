import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from "vscode-languageserver";
import { LEGEND } from "./semantic-tokens.js";

/** What `xdc lsp` offers, answered to `initialize`. */
export const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  completionProvider: { triggerCharacters: [".", "(", ","] },
  signatureHelpProvider: { triggerCharacters: ["(", ","], retriggerCharacters: [":"] },
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: true,
  documentFormattingProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  semanticTokensProvider: { legend: LEGEND, full: true },
};
