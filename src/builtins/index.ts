import { api } from "./api.js";
import type { Builtin } from "./builtin.js";
import { checks } from "./checks.js";
import { control } from "./control.js";
import { data } from "./data.js";
import { deployment } from "./deployment.js";
import { monitoring } from "./monitoring.js";
import { network } from "./network.js";
import { observation } from "./observation.js";
import { processes } from "./process.js";
import { rates } from "./rates.js";
import { resource } from "./resource.js";
import { seriesFigures } from "./series.js";

/**
 * THE registry: every primitive once. The checker, the interpreter, `xdc plan`, `xdc
 * builtins`, the language server and the reference pages read this table and nothing else.
 */
export const BUILTINS: readonly Builtin[] = [
  ...deployment, ...network, ...processes, ...resource, ...api, ...data, ...rates, ...observation, ...monitoring, ...seriesFigures, ...checks, ...control,
];

export const BUILTINS_BY_NAME: ReadonlyMap<string, Builtin> = new Map(BUILTINS.map((b) => [b.name, b]));

export type { ArgInfo, Builtin, CallArgs, FaultInfo, ParamRule, ParamSpec } from "./builtin.js";
export { isRequired, returnType } from "./builtin.js";
export { CATEGORIES, type Category } from "./categories.js";
