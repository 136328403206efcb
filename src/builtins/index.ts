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
import { repeatStats } from "./repeats.js";
import { seriesFigures } from "./series.js";

/**
 * THE registry: every primitive once. The checker, the interpreter, `xdc plan`, `xdc
 * builtins`, the language server and the reference pages read this table and nothing else.
 */
export const BUILTINS: readonly Builtin[] = [
  ...deployment, ...network, ...processes, ...resource, ...api, ...data, ...rates, ...observation, ...monitoring, ...seriesFigures, ...repeatStats, ...checks, ...control,
];

/** The faults: every builtin with a `fault` entry, by name. The ledger accepts these kinds and no others. */
export const FAULT_NAMES: readonly string[] = BUILTINS.filter((b) => b.fault !== undefined).map((b) => b.name);

export const BUILTINS_BY_NAME: ReadonlyMap<string, Builtin> = new Map(BUILTINS.map((b) => [b.name, b]));

export type { ArgInfo, Builtin, CallArgs, FaultInfo, ParamRule, ParamSpec } from "./builtin.js";
export { isRequired } from "./builtin.js";
export { CATEGORIES, type Category } from "./categories.js";
