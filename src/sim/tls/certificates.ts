import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isIP } from "node:net";

/**
 * Throwaway X.509 certificates for the twin's HTTPS mode (`xdc sim --tls`) and for tests: a CA
 * and certificates it signs for given IP addresses and host names. Node's crypto makes the EC
 * P-256 keys and the ECDSA-SHA256 signatures; it cannot build a certificate, so the few DER
 * structures of RFC 5280 that one needs are written here rather than pulling in a library for
 * them. What comes out is checked in the tests by node's own `X509Certificate` and by real TLS
 * handshakes.
 */
export interface Issued {
  /** PEM certificate */
  readonly cert: string;
  /** PEM private key (PKCS#8) */
  readonly key: string;
}

export interface Authority extends Issued {
  /** Signs a certificate for a server (or, with `client`, for a client) holding `names`. */
  issue(o: IssueOptions): Issued;
}

export interface IssueOptions {
  /** IP addresses and DNS names the certificate holds (subjectAltName); the first is also its common name */
  readonly names: readonly string[];
  /** a client certificate (extendedKeyUsage clientAuth) instead of a server one */
  readonly client?: boolean;
  /** validity; default from an hour ago (clocks differ) to 90 days on */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A new CA named `commonName`, valid from an hour ago for 90 days. Its key never leaves the process unless asked for. */
export function createAuthority(commonName: string): Authority {
  const keys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = keys.publicKey.export({ type: "spki", format: "der" });
  const keyId = keyIdentifier(spki);
  const now = Date.now();
  const tbs = tbsCertificate({
    issuer: commonName,
    subject: commonName,
    spki,
    notBefore: new Date(now - HOUR_MS),
    notAfter: new Date(now + 90 * DAY_MS),
    extensions: [
      extension("2.5.29.19", true, seq(bool(true))), // basicConstraints: CA
      extension("2.5.29.15", true, keyUsage(0x86, 1)), // digitalSignature, keyCertSign, cRLSign
      extension("2.5.29.14", false, octets(keyId)), // subjectKeyIdentifier
    ],
  });
  const cert = pem("CERTIFICATE", signed(tbs, keys.privateKey));
  return {
    cert,
    key: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    issue: (o) => issue(o, commonName, keyId, keys.privateKey),
  };
}

function issue(o: IssueOptions, issuer: string, issuerKeyId: Buffer, issuerKey: KeyObject): Issued {
  if (o.names.length === 0) throw new Error("a certificate needs at least one name");
  const keys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = keys.publicKey.export({ type: "spki", format: "der" });
  const now = Date.now();
  const tbs = tbsCertificate({
    issuer,
    subject: o.names[0]!,
    spki,
    notBefore: o.notBefore ?? new Date(now - HOUR_MS),
    notAfter: o.notAfter ?? new Date(now + 90 * DAY_MS),
    extensions: [
      extension("2.5.29.19", true, seq()), // basicConstraints: not a CA
      extension("2.5.29.15", true, keyUsage(0x80, 7)), // digitalSignature
      extension("2.5.29.37", false, seq(oid(o.client ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1"))), // clientAuth | serverAuth
      extension("2.5.29.17", false, seq(...o.names.map(generalName))), // subjectAltName
      extension("2.5.29.14", false, octets(keyIdentifier(spki))),
      extension("2.5.29.35", false, seq(tlv(0x80, issuerKeyId))), // authorityKeyIdentifier [0]
    ],
  });
  return { cert: pem("CERTIFICATE", signed(tbs, issuerKey)), key: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

interface Tbs {
  readonly issuer: string;
  readonly subject: string;
  readonly spki: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly Buffer[];
}

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

function tbsCertificate(t: Tbs): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, with no leading zero byte that DER would forbid
  return seq(
    tlv(0xa0, int(Buffer.from([2]))), // version v3, for extensions
    int(serial),
    seq(oid(ECDSA_WITH_SHA256)),
    name(t.issuer),
    seq(time(t.notBefore), time(t.notAfter)),
    name(t.subject),
    t.spki,
    tlv(0xa3, seq(...t.extensions)),
  );
}

/** The whole certificate: what is signed, how, and the signature (ECDSA in DER, node's default). */
const signed = (tbs: Buffer, key: KeyObject): Buffer => seq(tbs, seq(oid(ECDSA_WITH_SHA256)), bitString(sign("sha256", tbs, key)));

/** RFC 5280 4.2.1.2 allows any unique value; SHA-1 of the key is the usual one. */
const keyIdentifier = (spki: Buffer): Buffer => createHash("sha1").update(spki).digest();

function generalName(n: string): Buffer {
  if (isIP(n) === 4) return tlv(0x87, Buffer.from(n.split(".").map(Number)));
  if (isIP(n) === 6) throw new Error(`IPv6 names are not supported here: ${n}`);
  return tlv(0x82, Buffer.from(n, "ascii"));
}

const name = (commonName: string): Buffer => seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(commonName, "utf8")))));

const extension = (id: string, critical: boolean, value: Buffer): Buffer => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/** A KeyUsage BIT STRING: one byte of flags with its unused trailing bits. */
const keyUsage = (flags: number, unused: number): Buffer => tlv(0x03, Buffer.from([unused, flags]));

// DER, as much of X.690 as the structures above need.
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const bool = (b: boolean): Buffer => tlv(0x01, Buffer.from([b ? 0xff : 0]));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bitString = (b: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
/** A non-negative INTEGER from big-endian bytes. */
const int = (b: Buffer): Buffer => tlv(0x02, (b[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), b]) : b);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const bytes = [a! * 40 + b!];
  for (const v of rest) {
    const groups = [v & 0x7f];
    for (let x = v >>> 7; x > 0; x >>>= 7) groups.unshift((x & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const pem = (label: string, der: Buffer): string => `-----BEGIN ${label}-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "")}\n-----END ${label}-----\n`;
