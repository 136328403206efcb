// What the language benchmarks time, in one entry so that esbuild bundles it once (bench/bundle.ts).
export { check } from "../../src/language/checker.js";
export { diagnostic } from "../../src/language/diagnostics.js";
export { format } from "../../src/language/format.js";
export { memoryHost } from "../../src/language/module-host.js";
export { parse } from "../../src/language/parse.js";
export { printFile } from "../../src/language/printer/print.js";
export { render } from "../../src/language/render/index.js";
export { LineMap, span } from "../../src/language/span.js";
