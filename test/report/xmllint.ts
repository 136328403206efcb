import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The Ant JUnit schema (test/report/junit.xsd) and Debian's xmllint, which .ci/run installs (libxml2-utils). */
export const JUNIT_XSD = fileURLToPath(new URL("./junit.xsd", import.meta.url));
export const XMLLINT = "/usr/bin/xmllint";
export const haveXmllint = (): boolean => existsSync(XMLLINT);

/** xmllint's verdict on JUnit files against the schema: its output, which says `FILE validates` for each valid one. */
export function xmllint(...files: string[]): Promise<string> {
  return new Promise((resolve) => execFile(XMLLINT, ["--noout", "--schema", JUNIT_XSD, ...files], (_error, stdout, stderr) => resolve(`${stdout}${stderr}`)));
}
