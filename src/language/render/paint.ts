import { Chalk } from "chalk";
import type { Severity } from "../diagnostics.js";

/**
 * The colours of the human format, rustc's: the severity in its colour, the gutter in blue,
 * primary carets in the severity's colour, secondary ones in blue. `plain` paints nothing, so
 * golden files and pipes get the same text without escape codes.
 */
export interface Paint {
  severity(severity: Severity, text: string): string;
  bold(text: string): string;
  gutter(text: string): string;
  secondary(text: string): string;
}

const identity = (text: string) => text;

export const plain: Paint = { severity: (_s, text) => text, bold: identity, gutter: identity, secondary: identity };

/** Chalk with a fixed level, so chalk's own environment sniffing never decides for the caller. */
const chalk = new Chalk({ level: 1 });

const SEVERITY_COLOUR: Record<Severity, (text: string) => string> = {
  error: (text) => chalk.bold.red(text),
  warning: (text) => chalk.bold.yellow(text),
  info: (text) => chalk.bold.cyan(text),
};

export const coloured: Paint = {
  severity: (severity, text) => SEVERITY_COLOUR[severity](text),
  bold: (text) => chalk.bold(text),
  gutter: (text) => chalk.bold.blue(text),
  secondary: (text) => chalk.bold.blue(text),
};

export const paintFor = (colour: boolean): Paint => (colour ? coloured : plain);
