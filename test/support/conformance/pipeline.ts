import { readFileSync } from "node:fs";
import type { Diagnostic } from "../../../src/language/diagnostics.js";
import { checkText, fileSystemHost, memoryHost } from "../../../src/language/index.js";

/**
 * The stage of the language front end the conformance corpus runs through: the whole of
 * `xdc check` (parse, then check), with imports read from disk relative to the importing
 * file and `std/…` from the standard library compiled into xdc.
 */
export interface Pipeline {
  readonly name: string;
  /** Every diagnostic for one file, in order; `path` is how spans name the file. */
  check(text: string, path: string): readonly Diagnostic[];
  /** The same for an example in the docs, which has no place on disk (see `docsHost`). */
  checkExample(text: string): readonly Diagnostic[];
  /** Whether this pipeline can emit `code` at all. A case that expects a code it cannot emit is pending, not failed. */
  reaches(code: string): boolean;
}

const host = fileSystemHost();

const PEM = (label: string) => `-----BEGIN ${label}-----\nMIIBexample\n-----END ${label}-----\n`;

/**
 * Docs examples are checked as `example.xdc` beside a `cycle.xdc` that imports it, so that
 * an example of an import cycle can close one (docs/diagnostics.md, XDC2008), and beside the
 * PEM files the TLS examples name (`lab-ca.pem`, `lab-client.pem`, `lab-client.key`); imports
 * of `std/…` reach the standard library.
 */
export const DOCS_FILES: Readonly<Record<string, string>> = {
  "cycle.xdc": 'import "./example.xdc"\n',
  "lab-ca.pem": PEM("CERTIFICATE"),
  "lab-client.pem": PEM("CERTIFICATE"),
  "lab-client.key": PEM("PRIVATE KEY"),
};
/**
 * The other files docs examples name, as if beside `example.xdc`: the bundles (only their
 * being there is checked) and the sample recordings of examples/data.
 */
export const DOCS_ASSETS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(["a.sab", "demo.sab", "orders.sab", "apps/demo.sab", "apps/Orders.sab", "apps/FailoverDemo.sab"].map((b) => [b, "a bundle\n"])),
  "data/orders.jsonl": readFileSync(new URL("../../../examples/data/orders.jsonl", import.meta.url), "utf8"),
  "data/orders.csv": readFileSync(new URL("../../../examples/data/orders.csv", import.meta.url), "utf8"),
};
const docsHost = memoryHost(DOCS_FILES, DOCS_ASSETS);

export const pipeline: Pipeline = {
  name: "checkText",
  check: (text, path) => checkText(text, path, host).diagnostics,
  checkExample: (text) => checkText(text, "example.xdc", docsHost).diagnostics,
  reaches: () => true,
};
