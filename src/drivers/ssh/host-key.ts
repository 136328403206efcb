import type { ServerHostKeyAlgorithm } from "ssh2";
import { entriesFor, fingerprint, keysAsKnownHosts, type KnownHosts } from "./known-hosts.js";
import type { SshError, SshTarget } from "./types.js";

/**
 * Host-key checking, on unless a caller turns it off by name: an unknown or a changed key is an
 * error that says which host and which fingerprints, never a prompt. A target's own `hostKeys`
 * (from the environment description) win over the known-hosts file.
 */
export type HostKeyPolicy =
  | { readonly kind: "strict"; readonly knownHosts: KnownHosts; readonly file: string }
  | { readonly kind: "off" };

/** ssh2's host-key algorithm names for a key type, so a host presents a key we can check. */
const ALGORITHMS: Readonly<Record<string, readonly ServerHostKeyAlgorithm[]>> = {
  "ssh-ed25519": ["ssh-ed25519"],
  "ecdsa-sha2-nistp256": ["ecdsa-sha2-nistp256"],
  "ecdsa-sha2-nistp384": ["ecdsa-sha2-nistp384"],
  "ecdsa-sha2-nistp521": ["ecdsa-sha2-nistp521"],
  "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
};

/** The key type a public key blob declares (its first SSH string). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString("latin1");
}

const where = (t: SshTarget) => `${t.name} (${t.address}:${t.port})`;

function expectedFor(policy: Extract<HostKeyPolicy, { kind: "strict" }>, t: SshTarget) {
  if (t.hostKeys && t.hostKeys.length > 0) return { entries: keysAsKnownHosts(t.hostKeys, "the environment description").entries, from: "the environment description" };
  return { entries: entriesFor(policy.knownHosts, t.address, t.port), from: policy.file };
}

/** Host-key algorithms to offer: the types we hold for this host, so it shows one we can check. */
export function algorithmsFor(policy: HostKeyPolicy, t: SshTarget): ServerHostKeyAlgorithm[] | undefined {
  if (policy.kind === "off") return undefined;
  const types = new Set(expectedFor(policy, t).entries.filter((e) => e.marker === undefined).map((e) => e.keyType));
  const names = [...types].flatMap((type) => ALGORITHMS[type] ?? []);
  return names.length > 0 ? names : undefined;
}

/** Judges the key a host presented (its public key blob). */
export function checkHostKey(policy: HostKeyPolicy, t: SshTarget, presented: Buffer): SshError | undefined {
  if (policy.kind === "off") return undefined;
  const { entries, from } = expectedFor(policy, t);
  const shown = `${fingerprint(presented)} (${keyTypeOf(presented)})`;
  const same = (key: Buffer) => key.equals(presented);
  const revoked = entries.find((e) => e.marker === "revoked" && same(e.key));
  if (revoked) return { code: "host-key-revoked", host: t.name, message: `host ${where(t)} presented key ${shown}, which ${revoked.source} marks @revoked` };
  const usable = entries.filter((e) => e.marker === undefined);
  if (usable.some((e) => same(e.key))) return undefined;
  if (usable.length === 0) {
    return {
      code: "host-key-unknown",
      host: t.name,
      message: `host ${where(t)} is unknown: ${from} has no key for it; it presented ${shown}. Check that fingerprint with the host's administrator, then add the key to ${from}`,
    };
  }
  const expected = usable.map((e) => `${fingerprint(e.key)} (${e.keyType}, ${e.source})`).join(" or ");
  return {
    code: "host-key-changed",
    host: t.name,
    message: `host key of ${where(t)} has changed: expected ${expected}, presented ${shown}. If the host was reinstalled, update ${from}; otherwise someone may be intercepting the connection`,
  };
}
