import type { HostSwitches } from "./host/switches.js";

/**
 * The twin's failure switches (docs/twin.md, "Failure switches"): twin-only ways to break one
 * thing `xdc preflight` checks, on demand, so each of its failing lines can be shown. They are
 * set through the coordinator's `POST /xdc-twin/switches` (or `Twin.setSwitches` in-process);
 * nothing in xdc's own code paths ever sets one.
 */
export interface DcSwitches {
  /** The REST API and Data Exchange refuse the environment's user (401), as after its account was revoked. */
  readonly restUserRevoked: boolean;
  /** The instance is stopped (as `streamtool stopinstance` leaves it); false starts it again. */
  readonly instanceStopped: boolean;
}

/** One change: a datacenter's switches, or one host's (by its name, `dc1-h2`). */
export interface SwitchChange {
  readonly dc: string;
  readonly host?: string;
  /** Put every switch of the target back to its default before applying `set`. */
  readonly reset?: boolean;
  readonly set: Partial<HostSwitches> | Partial<DcSwitches>;
}

type Check = (v: unknown) => boolean;
const isBool: Check = (v) => typeof v === "boolean";
const isNames: Check = (v) => Array.isArray(v) && v.every((x) => typeof x === "string" && /^[A-Za-z0-9_.-]+$/.test(x));

/** Each switch, the kind of value it takes, and whether it belongs to a host or a datacenter. */
const SWITCHES: Readonly<Record<string, { readonly on: "host" | "dc"; readonly valid: Check; readonly takes: string }>> = {
  sudo: { on: "host", valid: (v) => isBool(v) || isNames(v), takes: "true, false, or a list of program names" },
  missing: { on: "host", valid: isNames, takes: "a list of program or kernel-module names" },
  clockSkewMs: { on: "host", valid: (v) => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= 365 * 86_400_000, takes: "milliseconds, at most a year either way" },
  keyRevoked: { on: "host", valid: isBool, takes: "true or false" },
  unreachable: { on: "host", valid: isBool, takes: "true or false" },
  restUserRevoked: { on: "dc", valid: isBool, takes: "true or false" },
  instanceStopped: { on: "dc", valid: isBool, takes: "true or false" },
};

/**
 * Reads a change as the HTTP endpoint receives it: `{"host": "dc1-h1", "set": {"sudo": false}}`
 * or `{"dc": "dc1", "set": {"restUserRevoked": true}}`. `dcOfHost` finds a host's datacenter.
 */
export function readSwitchChange(body: unknown, dcOfHost: (host: string) => string | undefined, dcs: readonly string[]): SwitchChange | string {
  if (typeof body !== "object" || body === null) return 'send a JSON object: {"host": "dc1-h1", "set": {"sudo": false}} or {"dc": "dc1", "set": {"restUserRevoked": true}}';
  const b = body as Record<string, unknown>;
  const host = typeof b["host"] === "string" ? b["host"] : undefined;
  const dc = host !== undefined ? dcOfHost(host) : typeof b["dc"] === "string" ? b["dc"] : undefined;
  if (host !== undefined && dc === undefined) return `the twin has no host ${host}`;
  if (dc === undefined || !dcs.includes(dc)) return `name a host (\`host\`) or a datacenter (\`dc\`: ${dcs.join(", ")})`;
  const set = b["set"] ?? {};
  if (typeof set !== "object" || set === null || Array.isArray(set)) return "`set` must be an object of switches";
  for (const [name, value] of Object.entries(set)) {
    const s = SWITCHES[name];
    if (!s) return `no switch ${name}; the switches are ${Object.keys(SWITCHES).join(", ")}`;
    if (s.on === "host" && host === undefined) return `${name} is a host's switch: name the host`;
    if (s.on === "dc" && host !== undefined) return `${name} is a datacenter's switch: name the datacenter, not a host`;
    if (!s.valid(value)) return `${name} takes ${s.takes}`;
  }
  return { dc, ...(host !== undefined ? { host } : {}), ...(b["reset"] === true ? { reset: true } : {}), set: set as SwitchChange["set"] };
}
