import { github } from "./github.js";
import { human } from "./human.js";
import type { RenderInput, Renderer, RenderOptions } from "./input.js";
import { json } from "./json.js";
import { short } from "./short.js";

export type { RenderInput, RenderOptions, Renderer } from "./input.js";

/** Every output format of `xdc check`, by the name `--format` takes. A new format is a new row. */
export const RENDERERS = { human, short, json, github } as const satisfies Record<string, Renderer>;

export type FormatName = keyof typeof RENDERERS;
export const FORMAT_NAMES = Object.keys(RENDERERS) as FormatName[];

export const isFormatName = (name: string): name is FormatName => Object.hasOwn(RENDERERS, name);

export const render = (format: FormatName, input: RenderInput, options: RenderOptions): string => RENDERERS[format](input, options);
