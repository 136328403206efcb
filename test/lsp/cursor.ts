import { memoryHost } from "../../src/language/module-host.js";
import { analyse, type Analysis } from "../../src/lsp/analysis.js";

export const PATH = "/work/s.xdc";
export const URI = "file:///work/s.xdc";

/** Text with the cursor marked `<|>` (Langium's habit): the analysis of the text without it, and the cursor's offset. */
export function atCursor(marked: string, files: Record<string, string> = {}): { a: Analysis; offset: number } {
  const offset = marked.indexOf("<|>");
  if (offset < 0) throw new Error("no <|> in the text");
  const text = marked.slice(0, offset) + marked.slice(offset + 3);
  return { a: analyse(URI, PATH, 1, text, memoryHost(files)), offset };
}

/** A scenario around some statements of `run`, with an application and the twin's datacenters. */
export const scenario = (run: string, verify = "") => `scenario "s" {
  environment: sim
  timeout: 10m
  let app = application("A", bundle: "a.sab", sources: ["Ingest"], sinks: ["Results"])
  run {
${run}
  }
  verify {
${verify}
  }
}
`;
