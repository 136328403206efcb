import { createHash } from "node:crypto";
import ssh2, { type ParsedKey } from "ssh2";

const { utils } = ssh2;

export interface GeneratedKeys {
  /** OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`). Never log it. */
  readonly privateKey: string;
  /** `ssh-ed25519 AAAA… comment`, one authorized_keys line. */
  readonly publicKey: string;
  /** `SHA256:…`, as ssh-keygen -lf prints it. */
  readonly fingerprint: string;
}

/** The public key blob's fingerprint in OpenSSH's SHA256 form. */
export const fingerprintOf = (blob: Buffer): string => `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;

/** `TYPE BASE64`, the public half of a key as authorized_keys and known_hosts write it. */
export const publicKeyLine = (key: ParsedKey): string => `${key.type} ${key.getPublicSSH().toString("base64")}`;

/** Parses one key (private in PEM or OpenSSH form, or public in OpenSSH form), or says why not. */
export function parseOneKey(text: string): ParsedKey | Error {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) return parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key ?? new Error("no key found");
}

/**
 * ssh2 1.17 strips every leading zero byte of an ed25519 public key it generates, so about one
 * key in 256 (those whose first byte is 0) comes out 31 bytes long and unreadable, by ssh2
 * itself and by OpenSSH (ssh2 issue #1513). Such a pair is thrown away and drawn again.
 */
const KEY_ATTEMPTS = 32;

/** A fresh ed25519 key pair, for a twin host or for xdc's own client key. */
export function generateKeys(comment = ""): GeneratedKeys {
  let problem = "";
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const pair = utils.generateKeyPairSync("ed25519", { comment });
    const key = parseOneKey(pair.public);
    const secret = parseOneKey(pair.private);
    if (key instanceof Error || secret instanceof Error) {
      problem = (key instanceof Error ? key : (secret as Error)).message;
      continue;
    }
    if (!key.getPublicSSH().equals(secret.getPublicSSH())) {
      problem = "the private key's public half differs from the public key";
      continue;
    }
    return { privateKey: pair.private, publicKey: pair.public, fingerprint: fingerprintOf(key.getPublicSSH()) };
  }
  throw new Error(`xdc bug: ssh2 generated ${KEY_ATTEMPTS} unreadable keys in a row: ${problem}`);
}
