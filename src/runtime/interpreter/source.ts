import type { Span } from "../../language/span.js";
import { formatQuantity } from "../../language/values.js";
import type { Run } from "./context.js";

/** The text a span covers, lines joined by spaces: `expect fo.rto <= 45s`. */
export const sourceText = (run: Run, span: Span): string =>
  (run.source(span.file)?.slice(span.start.offset, span.end.offset) ?? "").replace(/\s*\n\s*/g, " ");


/** `45s`, `1.5s`: a duration in ms as the language writes it. */
export const duration = (ms: number): string => formatQuantity("Duration", Math.round(ms));
