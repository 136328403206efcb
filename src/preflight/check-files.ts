import { readFile, stat } from "node:fs/promises";
import { checkRecording, describeProblem, formatOf, parseSchema, RECORDED_EXTENSIONS } from "../data/index.js";
import { fileLines } from "../drivers/exchange/input.js";
import type { DataFileNeed } from "./needs.js";
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

/** Rows of a data file the preflight reads: enough to catch a wrong file or schema, bounded for a file of any size. */
export const PREFLIGHT_ROWS = 10_000;

/**
 * A data file `inject(file: …)` sends: readable, a format xdc reads, and its first
 * PREFLIGHT_ROWS rows fit the workload's schema as the replay will read them (the rest is
 * checked as it is sent). Read lazily, so a file larger than memory is fine.
 */
export async function checkDataFile(path: string, need: DataFileNeed): Promise<CheckLine> {
  const { written } = need;
  const format = formatOf(path);
  if (format === undefined) return failed("data-file", written, "not a recording xdc reads", `name it ${RECORDED_EXTENSIONS.join(", ")} (JSON lines or CSV with a header)`);
  try {
    const s = await stat(path);
    if (!s.isFile()) return failed("data-file", written, "it is not a file", `correct \`file:\` (relative to the scenario's file: ${path})`);
  } catch (e) {
    return failed("data-file", written, readProblem(e), `correct \`file:\` (relative to the scenario's file: ${path})`);
  }
  const parsed = parseSchema(need.schema);
  const checked = checkRecording(fileLines(path), { format, schema: parsed.schema, ...(need.timestamps !== undefined ? { timestamps: need.timestamps } : {}) }, PREFLIGHT_ROWS);
  if (checked.problem) return failed("data-file", written, describeProblem(undefined, checked.problem), "correct the row, or the workload's `schema:`");
  if (checked.rows === 0) return failed("data-file", written, "it holds no rows", format === "csv" ? "write a header line, then one row per line" : "write one JSON object per line");
  return ok("data-file", written, checked.complete ? `${checked.rows} ${checked.rows === 1 ? "row fits" : "rows fit"} the schema` : `the first ${checked.rows} rows fit the schema (the rest is checked as it is sent)`);
}
