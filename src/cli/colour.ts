import { Chalk } from "chalk";
import { Option } from "commander";

/** `--color`'s values, cargo's and eslint's. */
export const COLOUR_CHOICES = ["auto", "always", "never"] as const;
export type ColourChoice = (typeof COLOUR_CHOICES)[number];

/** The `--color` every command takes (added to each by createProgram, so each one's help shows it). */
export const colourOption = (): Option =>
  new Option("--color <when>", "colour the output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never")
    .choices(COLOUR_CHOICES)
    .default("auto");

/**
 * Whether to colour what goes to a stream. `--color always|never` decides outright. Under
 * `auto`: FORCE_COLOR, when set, wins (`0` or `false` turn colour off, anything else on, as
 * Node and chalk read it: a CI log viewer that shows colour sets it); otherwise NO_COLOR set to
 * anything but the empty string turns it off (https://no-color.org); otherwise colour only on
 * a terminal. Renderers receive the answer; they never look at the environment themselves.
 */
export const useColour = (
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  choice: ColourChoice = "auto",
): boolean => {
  if (choice !== "auto") return choice === "always";
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  return stream.isTTY === true && (env["NO_COLOR"] ?? "") === "";
};

/** How a line about an outcome is painted: green for what passed, red for what failed, yellow for no data. */
export type Tone = "pass" | "fail" | "no-data" | "error";

/** Chalk with a fixed level, so chalk's own environment sniffing never decides for the caller. */
const chalk = new Chalk({ level: 1 });

const TONES: Record<Tone, (text: string) => string> = {
  pass: (t) => chalk.green(t),
  fail: (t) => chalk.bold.red(t),
  error: (t) => chalk.bold.red(t),
  "no-data": (t) => chalk.bold.yellow(t),
};

/** Paints the outcome lines of `exec`; without colour it returns the text as it is, so pipes and files get the same text. */
export interface RunPaint {
  tone(tone: Tone, text: string): string;
  dim(text: string): string;
}

export const runPaint = (colour: boolean): RunPaint =>
  colour ? { tone: (tone, text) => TONES[tone](text), dim: (text) => chalk.dim(text) } : { tone: (_t, text) => text, dim: (text) => text };
