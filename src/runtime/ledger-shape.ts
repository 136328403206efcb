import { FAULT_NAMES } from "../builtins/index.js";
import type { Action, FaultPlan } from "../drivers/faults/types.js";
import { int, lazy, list, num, object, oneOf, opt, record, regex, str, variant, bool, type Shape } from "./shape.js";

/**
 * What every line of the ledger must look like, down to each command and check: `xdc recover`
 * runs what a record says, so a record it cannot fully trust is damage, reported by line,
 * never half-used (types in src/drivers/faults/types.ts and ledger.ts).
 */

const sshTarget: Shape = object({
  name: str,
  address: str,
  port: int,
  user: str,
  hostKeys: opt(list(str)),
  jump: opt(lazy(() => sshTarget)),
});

const apiEndpoint = object({
  url: str,
  instanceId: opt(str),
  user: str,
  passwordEnv: str,
  tls: opt(object({ caFile: opt(str), insecure: opt(bool) })),
});

const apiCall = variant("op", {
  cancelJob: object({ jobId: str }),
  submitJob: object({ bundle: str, jobName: str, parameters: record(str) }),
  jobNamed: object({ jobName: str }),
  stopPe: object({ peId: str }),
  restartPe: object({ peId: str }),
  stopInstance: object({}),
  startInstance: object({}),
  jobStatus: object({ jobId: str }),
  peStatus: object({ peId: str }),
  instanceStatus: object({}),
});

const action = variant("via", {
  ssh: object({ host: str, line: str }),
  api: object({ dc: str, call: apiCall }),
});

const check = object({
  what: str,
  probe: action,
  expect: object({ exit: list(int), pattern: regex, min: num, max: num }),
});

const planFields = object({
  id: str,
  run: str,
  kind: oneOf(FAULT_NAMES),
  summary: str,
  hosts: record(sshTarget),
  apis: opt(record(apiEndpoint)),
  apply: list(action),
  verify: list(check),
  undo: list(action),
  verifyUndone: list(check),
});

/**
 * Every step names a host, or a datacenter, that the plan says how to reach: `xdc recover`
 * could run any other nowhere, and would report a fault undone that it never touched.
 */
const reachable: Shape = (v, p) => {
  const f = v as FaultPlan;
  const steps: [Action, string][] = [
    ...(["apply", "undo"] as const).flatMap((k) => f[k].map((a, i): [Action, string] => [a, `${k}[${i}]`])),
    ...(["verify", "verifyUndone"] as const).flatMap((k) => f[k].map((c, i): [Action, string] => [c.probe, `${k}[${i}].probe`])),
  ];
  for (const [a, where] of steps) {
    const at = `${p}.${where}`;
    if (a.via === "ssh" && !Object.hasOwn(f.hosts, a.host)) return `\`${at}.host\` names ${JSON.stringify(a.host)}, which \`${p}.hosts\` does not list`;
    if (a.via === "api" && !Object.hasOwn(f.apis ?? {}, a.dc)) return `\`${at}.dc\` names ${JSON.stringify(a.dc)}, which \`${p}.apis\` does not list`;
  }
  return undefined;
};

export const faultPlanShape: Shape = (v, p) => planFields(v, p) ?? reachable(v, p);

const by = oneOf(["run", "recover"]);

// kill(0) and kill(-1) would ask about whole process groups: a pid is positive.
const pid: Shape = (v, p) => (Number.isSafeInteger(v) && (v as number) > 0 ? undefined : `\`${p}\` is not a process id`);

const target = variant("kind", {
  "embedded-twin": object({ pid, stateDir: str, command: list(str) }),
});

export const ledgerRecordShape = variant("type", {
  apply: object({ at: num, fault: faultPlanShape, target: opt(target) }),
  undone: object({ at: num, run: str, id: str, by, note: opt(str) }),
  "undo-failed": object({ at: num, run: str, id: str, by, problems: list(str) }),
  "damage-accepted": object({ at: num, lines: list(int), by }),
});
