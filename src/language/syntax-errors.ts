import type { Diagnostic } from "./diagnostics.js";
import type { Span } from "./span.js";

/** The codes of syntax errors proper: where the parser recovered, and may have dropped something. */
const SYNTAX_CODES: ReadonlySet<string> = new Set(["XDC1001", "XDC1002", "XDC1003", "XDC1004", "XDC1005", "XDC1006", "XDC1010", "XDC1011", "XDC1012"]);

export const syntaxErrorSpans = (ds: readonly Diagnostic[]): Span[] => ds.filter((d) => SYNTAX_CODES.has(d.code)).map((d) => d.span);
