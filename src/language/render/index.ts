import type { FormatName } from "./formats.js";
import { github } from "./github.js";
import { human } from "./human.js";
import type { RenderInput, Renderer, RenderOptions } from "./input.js";
import { json } from "./json.js";
import { short } from "./short.js";

export type { RenderInput, RenderOptions, Renderer } from "./input.js";
export { FORMAT_NAMES, type FormatName } from "./formats.js";

/** Every output format of `xdc check`, by the name `--format` takes. A new format is a new row here and a name in formats.ts. */
export const RENDERERS: Readonly<Record<FormatName, Renderer>> = { human, short, json, github };

export const render = (format: FormatName, input: RenderInput, options: RenderOptions): string => RENDERERS[format](input, options);
