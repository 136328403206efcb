import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * OpenSSH's known_hosts format (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): plain and hashed
 * (`|1|salt|hmac`) host names, `[host]:port` for ports other than 22, `*`/`?` wildcards,
 * `!` negation, and the `@revoked` marker. `@cert-authority` lines are read and skipped: xdc
 * does not verify host certificates, so such a host needs its key listed plainly.
 */

export interface KnownHostEntry {
  readonly marker: "revoked" | "cert-authority" | undefined;
  readonly hosts: HostPatterns;
  readonly keyType: string;
  readonly key: Buffer;
  /** Where the entry comes from, for messages: `~/.ssh/known_hosts:12` or `environment`. */
  readonly source: string;
}

type HostPatterns = { readonly kind: "hashed"; readonly salt: Buffer; readonly hash: Buffer } | { readonly kind: "patterns"; readonly patterns: readonly string[] };

export interface KnownHosts {
  readonly entries: readonly KnownHostEntry[];
  /** Lines that could not be read, with why: reported, never fatal (ssh ignores them too). */
  readonly skipped: readonly string[];
}

/** The name a host is filed under: `host` on port 22, `[host]:port` elsewhere. */
export const lookupName = (address: string, port: number): string => (port === 22 ? address : `[${address}]:${port}`);

/** OpenSSH's SHA256 fingerprint of a public key blob. */
export const fingerprint = (key: Buffer): string => `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;

function parseHosts(field: string): HostPatterns | undefined {
  if (field.startsWith("|1|")) {
    const [salt, hash] = field.slice(3).split("|");
    if (!salt || !hash) return undefined;
    return { kind: "hashed", salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
  }
  return { kind: "patterns", patterns: field.split(",").filter((p) => p !== "") };
}

const MARKERS: Readonly<Record<string, KnownHostEntry["marker"]>> = { "@revoked": "revoked", "@cert-authority": "cert-authority" };

/** Reads a known_hosts text; `source` names it in messages (a path, or `environment`). */
export function parseKnownHosts(text: string, source: string): KnownHosts {
  const entries: KnownHostEntry[] = [];
  const skipped: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith("@") ? fields.shift()! : undefined;
    const where = `${source}:${i + 1}`;
    if (marker !== undefined && !(marker in MARKERS)) {
      skipped.push(`${where}: unknown marker ${marker}`);
      continue;
    }
    const [hostField, keyType, keyText] = fields;
    const hosts = hostField === undefined ? undefined : parseHosts(hostField);
    const key = keyText === undefined ? undefined : Buffer.from(keyText, "base64");
    if (!hosts || !keyType || !key || key.length === 0) {
      skipped.push(`${where}: not a known-hosts entry`);
      continue;
    }
    entries.push({ marker: marker === undefined ? undefined : MARKERS[marker], hosts, keyType, key, source: where });
  }
  return { entries, skipped };
}

/** Keys given directly (`ssh-ed25519 AAAA…` lines, as an environment description lists them). */
export function keysAsKnownHosts(lines: readonly string[], source: string): KnownHosts {
  return parseKnownHosts(lines.map((l) => `* ${l}`).join("\n"), source);
}

/** OpenSSH's wildcard match: `*` any run, `?` one character, nothing else special. */
function wildcard(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${re}$`, "i").test(name);
}

function matches(hosts: HostPatterns, name: string): boolean {
  if (hosts.kind === "hashed") {
    const mac = createHmac("sha1", hosts.salt).update(name).digest();
    return mac.length === hosts.hash.length && timingSafeEqual(mac, hosts.hash);
  }
  let hit = false;
  for (const p of hosts.patterns) {
    if (p.startsWith("!")) {
      if (wildcard(p.slice(1), name)) return false;
    } else if (wildcard(p, name)) hit = true;
  }
  return hit;
}

/** The entries that apply to a host reached at `address:port`. */
export const entriesFor = (known: KnownHosts, address: string, port: number): readonly KnownHostEntry[] =>
  known.entries.filter((e) => matches(e.hosts, lookupName(address, port)));
