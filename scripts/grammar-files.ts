// Every file under grammar/ that is generated, with its content. `npm run grammar` writes them;
// test/grammar/generated.test.ts fails when a committed one differs. The TextMate grammar
// knows the builtins of the registry, so a new builtin is coloured as one without more work.
import { BUILTINS } from "../src/builtins/index.js";
import { diagramsHtml } from "./grammar-diagrams.js";
import { textMateJson } from "./grammar-textmate.js";

export function generatedFiles(): Record<string, string> {
  return {
    "grammar/diagrams.html": diagramsHtml(),
    "grammar/xdc.tmLanguage.json": textMateJson(BUILTINS),
  };
}
