import { readFile } from "node:fs/promises";
import { missingToolkitOperators, TOOLKIT_OPERATORS } from "../drivers/toolkit/settings.js";
import { MANIFEST_PATH } from "../sim/bundle/manifest.js";
import { readBundleContents, type BundleContents } from "./bundle-contents.js";
import { failed, ok, warn, type CheckLine } from "./types.js";

const readProblem = (e: unknown): string => ((e as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);

/** A bundle as read: the lines about it and, when it is a whole archive, what it holds. */
export interface BundleCheck {
  readonly lines: CheckLine[];
  readonly contents?: BundleContents;
}

const ADD_TOOLKIT = "add the Cross-DC Failover toolkit to the application (its CrossDataCenterFailover composite, from com.teracloud.streams.crossdcfailover) and build the bundle again";

/**
 * A bundle the scenario submits: readable and a whole zip archive (`bundle`), and an
 * application that uses the Cross-DC Failover toolkit (`toolkit`): its description lists
 * the operators xdc's observer reads (TOOLKIT_OPERATORS). Without them no failover can be
 * seen, and an `await failover(…)` would only run out: a failure when a scenario awaits a
 * failover of it (`awaited`), a warning when none does (an API-only test may use any app).
 */
export async function checkBundle(path: string, written: string, awaited: boolean): Promise<BundleCheck> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { lines: [failed("bundle", written, readProblem(e), `build the bundle (\`sc\`, or \`xdc bundle MANIFEST\` for the twin) or correct \`bundle:\` (relative to the scenario's file: ${path})`)] };
  }
  const contents = await readBundleContents(bytes);
  if (typeof contents === "string") return { lines: [failed("bundle", written, `not an application bundle: ${contents}`, "build it again and copy it whole")] };
  return { lines: [ok("bundle", written, `an application bundle of ${contents.entries} entries, ${contents.bytes} bytes`), toolkitLine(contents, written, awaited ? failed : warn)], contents };
}

function toolkitLine(c: BundleContents, written: string, bad: typeof failed): CheckLine {
  const d = c.description;
  if (!d) {
    const why = c.descriptionProblem ?? `it holds neither an ADL (*.adl) nor ${MANIFEST_PATH}`;
    return bad("toolkit", written, `the application's operators cannot be read: ${why}`, "build the bundle with `sc` (a .sab holds the application's ADL), or with `xdc bundle MANIFEST` for the twin");
  }
  const missing = missingToolkitOperators(d.operators);
  const files = c.toolkitFiles > 0 ? `, the toolkit's files (${c.toolkitFiles})` : "";
  return missing.length === 0
    ? ok("toolkit", written, `${d.path} has the Cross-DC Failover toolkit's operators (${TOOLKIT_OPERATORS.join(", ")})${files}`)
    : bad("toolkit", written, `${d.path} lacks the Cross-DC Failover toolkit's ${missing.join(" and ")} (of ${d.operators.length} operators): no failover can be observed, an \`await failover(…)\` would only run out`, ADD_TOOLKIT);
}

/** A data file `inject(file: …)` sends: readable, one JSON object a line. */
export async function checkDataFile(path: string, written: string): Promise<CheckLine> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    return failed("data-file", written, readProblem(e), `correct \`file:\` (relative to the scenario's file: ${path})`);
  }
  const lines = text.split("\n");
  let count = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return failed("data-file", written, `line ${i + 1} is not JSON`, "write one JSON object per line");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return failed("data-file", written, `line ${i + 1} is not a JSON object`, "write one JSON object (a tuple) per line");
    count++;
  }
  return count === 0 ? failed("data-file", written, "it holds no tuple", "write one JSON object per line") : ok("data-file", written, `${count} tuples`);
}
