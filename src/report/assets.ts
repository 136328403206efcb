import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The chart libraries, read from node_modules and inlined into every HTML report so it
 * opens offline. Their package exports hide the browser builds, so take the directory of
 * the resolved entry (build/) and the minified UMD file beside it.
 */
export interface ChartLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

const FILES = { vega: ["vega", "vega.min.js"], vegaLite: ["vega-lite", "vega-lite.min.js"], vegaEmbed: ["vega-embed", "vega-embed.min.js"] } as const;

export async function loadChartLibraries(): Promise<ChartLibraries> {
  const require = createRequire(import.meta.url);
  const read = ([pkg, file]: readonly [string, string]) => readFile(join(dirname(require.resolve(pkg)), file), "utf8");
  const [vega, vegaLite, vegaEmbed] = await Promise.all([read(FILES.vega), read(FILES.vegaLite), read(FILES.vegaEmbed)]);
  return { vega, vegaLite, vegaEmbed };
}
