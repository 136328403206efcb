/**
 * The names of the output formats, apart from the renderers so that the CLI can list them
 * in --help without loading any. index.ts's table must have exactly these keys.
 */
export const FORMAT_NAMES = ["human", "short", "json", "github"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
