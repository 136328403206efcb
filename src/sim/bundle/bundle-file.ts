import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { err, ok, type Result } from "../model/result.js";
import { buildBundle } from "./bundle.js";
import type { AppManifest } from "./manifest.js";
import { formatIssue, validateManifest } from "./validate.js";

export interface BundleFileOutcome {
  readonly out: string;
  readonly bytes: number;
  readonly manifest: AppManifest;
}

/** `input`: the manifest is wrong (exit "usage"); `io`: a file could not be read or written. */
export interface BundleFileError {
  readonly kind: "input" | "io";
  readonly messages: readonly string[];
}

/** Where `xdc bundle app.json` writes without `-o`: next to the manifest, as `app.sab`. */
export const defaultBundlePath = (manifestPath: string): string =>
  join(dirname(manifestPath), `${basename(manifestPath, extname(manifestPath))}.sab`);

/** Reads a manifest file, validates it and writes its bundle: the work of `xdc bundle`. */
export async function bundleFile(manifestPath: string, outPath: string | undefined): Promise<Result<BundleFileOutcome, BundleFileError>> {
  let text: string;
  try {
    text = await readFile(manifestPath, "utf8");
  } catch (e) {
    return err({ kind: "io", messages: [`cannot read ${manifestPath}: ${reason(e)}`] });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ kind: "input", messages: [`${manifestPath} is not JSON: ${reason(e)}`] });
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) return err({ kind: "input", messages: manifest.error.map((i) => `${manifestPath}: ${formatIssue(i)}`) });
  const out = outPath ?? defaultBundlePath(manifestPath);
  const bytes = buildBundle(manifest.value);
  try {
    await writeFile(out, bytes);
  } catch (e) {
    return err({ kind: "io", messages: [`cannot write ${out}: ${reason(e)}`] });
  }
  return ok({ out, bytes: bytes.length, manifest: manifest.value });
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));
