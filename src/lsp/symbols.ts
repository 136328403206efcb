import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type * as A from "../language/ast.js";
import { assertNever } from "../language/diagnostics.js";
import type { Span } from "../language/span.js";
import { toRange } from "./positions.js";

/** The outline: imports, environments and their datacenters, definitions, scenarios with settings, phases and lets. */
export function documentSymbols(file: A.SourceFile): DocumentSymbol[] {
  return file.items.map(item);
}

const symbol = (name: string, kind: SymbolKind, span: Span, selection: Span, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol => ({
  // An empty name is refused by editors; the parser leaves one where the author has not typed it yet.
  name: name === "" ? "?" : name,
  kind,
  range: toRange(span),
  selectionRange: toRange(selection),
  children,
  ...(detail !== undefined ? { detail } : {}),
});

function item(i: A.Item): DocumentSymbol {
  switch (i.kind) {
    case "import":
      return symbol(i.path.value, SymbolKind.Module, i.span, i.path.span, [], i.alias ? `as ${i.alias.name}` : undefined);
    case "environment":
      return symbol(i.name.name, SymbolKind.Namespace, i.span, i.name.span, i.members.map((m) =>
        m.kind === "dc" ? symbol(m.name.name, SymbolKind.EnumMember, m.span, m.name.span, m.settings.map(setting), "dc") : setting(m)), "environment");
    case "fault":
    case "check":
      return symbol(i.name.name, SymbolKind.Function, i.span, i.name.span, lets(i.body), i.kind);
    case "scenario":
      return symbol(i.name.value, SymbolKind.Class, i.span, i.name.span, i.members.map(member), "scenario");
    case "let":
      return symbol(i.name.name, SymbolKind.Variable, i.span, i.name.span, [], "let");
    default:
      return assertNever(i);
  }
}

const setting = (s: A.Setting) => symbol(s.key.name, SymbolKind.Property, s.span, s.key.span);

function member(m: A.ScenarioMember): DocumentSymbol {
  switch (m.kind) {
    case "setting":
      return setting(m);
    case "let":
      return symbol(m.name.name, SymbolKind.Variable, m.span, m.name.span, [], "let");
    case "block":
      return symbol(m.phase, SymbolKind.Event, m.span, m.phaseSpan, lets(m.body));
    default:
      return assertNever(m);
  }
}

/** The names a block binds, also inside nested `at`, `every`, `parallel` and `repeat` blocks. */
function lets(body: A.Body): DocumentSymbol[] {
  return body.stmts.flatMap((s): DocumentSymbol[] => {
    if (s.kind === "let") return [symbol(s.name.name, SymbolKind.Variable, s.span, s.name.span, [], "let")];
    if (s.kind === "awaitStmt" && s.as) return [symbol(s.as.name, SymbolKind.Variable, s.span, s.as.span, [], "await … as")];
    return "body" in s ? lets(s.body) : [];
  });
}
