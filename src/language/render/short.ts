import type { Renderer } from "./input.js";

/**
 * One line per diagnostic, GNU style with the code last, so the usual `file:line:col: error:`
 * problem matchers of editors and CI systems match it:
 *
 *     scenarios/dc-partition.xdc:22:28: error: unknown datacenter `dc_2` [XDC2001]
 */
export const short: Renderer = (input) =>
  input.diagnostics
    .map((d) => `${d.span.file}:${d.span.start.line}:${d.span.start.column}: ${d.severity}: ${d.message} [${d.code}]\n`)
    .join("");
