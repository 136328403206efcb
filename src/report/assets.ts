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
  /** vega-interpreter as a classic script defining `vegaInterpreter`: Vega's expressions evaluated without `eval`, so the page's CSP needs no 'unsafe-eval'. */
  readonly vegaInterpreter: string;
}

const FILES = { vega: ["vega", "vega.min.js"], vegaLite: ["vega-lite", "vega-lite.min.js"], vegaEmbed: ["vega-embed", "vega-embed.min.js"] } as const;

/** The one import of vega-interpreter's only build (an ES module), which the inlined vega's global provides. */
const INTERPRETER_IMPORT = /^import \{([^}]*)\} from 'vega-util';$/m;
const INTERPRETER_EXPORT = /^export \{ expression as expressionInterpreter \};$/m;

export async function loadChartLibraries(): Promise<ChartLibraries> {
  const require = createRequire(import.meta.url);
  const read = ([pkg, file]: readonly [string, string]) => readFile(join(dirname(require.resolve(pkg)), file), "utf8");
  const [vega, vegaLite, vegaEmbed, interpreter] = await Promise.all([
    read(FILES.vega),
    read(FILES.vegaLite),
    read(FILES.vegaEmbed),
    readFile(join(dirname(require.resolve("vega-interpreter")), "vega-interpreter.js"), "utf8"),
  ]);
  return { vega, vegaLite, vegaEmbed, vegaInterpreter: classicScript(interpreter) };
}

/**
 * vega-interpreter ships only an ES module importing vega-util; a page whose CSP forbids every
 * fetch cannot import it, so its import becomes a read of the inlined `vega` global (which
 * re-exports vega-util) and its export a global of its own. A new version shaped differently
 * fails here, when the report is rendered, not silently in the browser.
 */
export function classicScript(module: string): string {
  const imported = INTERPRETER_IMPORT.exec(module);
  if (imported === null || !INTERPRETER_EXPORT.test(module)) throw new Error("vega-interpreter's build is not shaped as expected (one import from vega-util, one export of expressionInterpreter)");
  const body = module.replace(INTERPRETER_IMPORT, `const {${imported[1]}} = vega;`).replace(INTERPRETER_EXPORT, "window.vegaInterpreter = { expressionInterpreter: expression };");
  return `(function () {\n${body}\n})();`;
}
