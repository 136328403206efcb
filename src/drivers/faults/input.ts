import { SAFE_ID, type FaultHost } from "./types.js";

/**
 * Checks of what builders receive. Quoting already keeps any string from becoming shell
 * syntax; these make a wrong input a clear error before a plan exists, instead of a rule
 * that iptables refuses halfway through a fault.
 */
export interface FaultInputError {
  readonly code: "fault-input";
  readonly message: string;
}

export const inputError = (message: string): FaultInputError => ({ code: "fault-input", message });

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** An IPv4 address or CIDR block, as iptables takes it. */
export const isIpv4OrCidr = (text: string): boolean => {
  const [address, bits, ...rest] = text.split("/");
  if (rest.length > 0 || !IPV4.test(address ?? "")) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
};

const DEVICE = /^[A-Za-z0-9_.:-]{1,15}$/;

/** The first problem with the ids and hosts every builder takes, if any. */
export function commonProblem(run: string, id: string, hosts: readonly FaultHost[]): string | undefined {
  if (!SAFE_ID.test(run)) return `run id \`${run}\`: use letters, digits, - and _ (at most 48)`;
  if (!SAFE_ID.test(id)) return `fault id \`${id}\`: use letters, digits, - and _ (at most 48)`;
  if (hosts.length === 0) return "the fault names no host";
  const names = new Set<string>();
  for (const h of hosts) {
    if (names.has(h.ssh.name)) return `host \`${h.ssh.name}\` is named twice`;
    names.add(h.ssh.name);
    if (!isIpv4OrCidr(h.address) || h.address.includes("/")) return `host \`${h.ssh.name}\`: address \`${h.address}\` is not an IPv4 address`;
    if (!DEVICE.test(h.device)) return `host \`${h.ssh.name}\`: \`${h.device}\` is not a network interface name`;
  }
  return undefined;
}
