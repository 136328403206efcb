/** IPv4 addresses and masks as unsigned 32-bit numbers, parsed and printed the way iptables does. */

export interface Cidr {
  /** The network address (already masked). */
  readonly addr: number;
  readonly mask: number;
}

/** Host names iptables would resolve on a twin host (it has no DNS). */
const HOSTS: Readonly<Record<string, string>> = { localhost: "127.0.0.1" };

export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}

export const formatIpv4 = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 0xff).join(".");

const maskOfLength = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** The prefix length of a contiguous mask, or undefined for a mask like 255.0.255.0. */
export function prefixLength(mask: number): number | undefined {
  for (let bits = 0; bits <= 32; bits++) if (maskOfLength(bits) === mask) return bits;
  return undefined;
}

export type AddressError = { error: "bad-host"; text: string } | { error: "bad-mask"; text: string };

/** `A.B.C.D`, `A.B.C.D/N`, `A.B.C.D/M.M.M.M` or `localhost`; the address is masked as iptables does. */
export function parseCidr(spec: string): Cidr | AddressError {
  const slash = spec.indexOf("/");
  const hostText = slash < 0 ? spec : spec.slice(0, slash);
  const maskText = slash < 0 ? undefined : spec.slice(slash + 1);
  let mask = 0xffffffff;
  if (maskText !== undefined) {
    const dotted = parseIpv4(maskText);
    if (dotted !== undefined) mask = dotted;
    else if (/^\d+$/.test(maskText) && Number(maskText) <= 32) mask = maskOfLength(Number(maskText));
    else return { error: "bad-mask", text: maskText };
  }
  const host = parseIpv4(HOSTS[hostText] ?? hostText);
  if (host === undefined) return { error: "bad-host", text: hostText };
  return { addr: (host & mask) >>> 0, mask };
}

export const contains = (cidr: Cidr, ip: number): boolean => ((ip & cidr.mask) >>> 0) === cidr.addr;

/** `/8`, or `/255.0.255.0` for a mask that is not a prefix; iptables -S always prints one. */
export function maskSuffix(mask: number): string {
  const bits = prefixLength(mask);
  return bits === undefined ? `/${formatIpv4(mask)}` : `/${bits}`;
}

/** As `iptables -L` prints an address: no suffix for a single host. */
export function listAddress(cidr: Cidr): string {
  return cidr.mask === 0xffffffff ? formatIpv4(cidr.addr) : `${formatIpv4(cidr.addr)}${maskSuffix(cidr.mask)}`;
}
