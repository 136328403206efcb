import { expect } from "chai";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { LineMap, type Span } from "../../src/language/span.js";

/** A span lies inside `text`: integer offsets in order, and lines and columns that agree with them. */
export function expectInside(s: Span, text: string, lines = new LineMap(text)): void {
  for (const p of [s.start, s.end]) {
    expect(Number.isInteger(p.offset) && p.offset >= 0 && p.offset <= text.length, `offset ${p.offset} of ${text.length}`).to.equal(true);
    expect(p, `position of offset ${p.offset}`).to.deep.equal(lines.position(p.offset));
  }
  expect(s.end.offset >= s.start.offset, "span ends before it starts").to.equal(true);
}

/** Every span of a diagnostic in `file` (primary, labels, edit) lies inside `text`. */
export function expectDiagnosticInside(d: Diagnostic, text: string, file: string, lines = new LineMap(text)): void {
  const spans = [d.span, ...d.labels.map((l) => l.span), ...(d.help?.edit ? [d.help.edit.span] : [])];
  for (const s of spans.filter((x) => x.file === file)) expectInside(s, text, lines);
}
