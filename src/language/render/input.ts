import type { Diagnostic } from "../diagnostics.js";

/** What every output format renders: the same list of diagnostics, and what it needs to show them. */
export interface RenderInput {
  readonly diagnostics: readonly Diagnostic[];
  /** The text of a file a span points into, for source snippets; undefined when it is not available. */
  readonly source: (file: string) => string | undefined;
  /** How many files were checked, for the summary line. */
  readonly fileCount: number;
}

export interface RenderOptions {
  /** Whether to colour the output. The caller decides (a TTY, and no NO_COLOR); renderers never look. */
  readonly colour: boolean;
}

/** One output format: the whole output as text, ending with a line break unless it is empty. */
export type Renderer = (input: RenderInput, options: RenderOptions) => string;
