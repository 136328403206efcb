import { randomBytes, timingSafeEqual } from "node:crypto";

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface Principal {
  readonly user: string;
  readonly scheme: "basic" | "bearer";
}

const DEFAULT_TOKEN_TTL_MS = 10 * 60_000;

/**
 * Basic authentication against one user, and (when on) the bearer tokens of reference §1.4:
 * issued against Basic, accepted until they expire on the instance's clock. Tokens come from
 * node:crypto, not the seeded random source: a token must not be guessable from the seed.
 * Nothing here logs or echoes a credential.
 */
export class Authenticator {
  private readonly expectedHeader: string;
  private readonly tokens = new Map<string, { readonly user: string; readonly expires: number }>();

  constructor(
    private readonly credentials: Credentials,
    private readonly now: () => number,
    readonly tokensEnabled: boolean,
    private readonly tokenTtlMs = DEFAULT_TOKEN_TTL_MS,
    /** The failure switch `restUserRevoked` (docs/twin.md): while it answers true, nobody gets in. */
    private readonly revoked: () => boolean = () => false,
  ) {
    this.expectedHeader = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, "utf8").toString("base64")}`;
  }

  /** The caller, or undefined for a missing, malformed, wrong or expired credential. */
  check(header: string | undefined): Principal | undefined {
    if (header === undefined || this.revoked()) return undefined;
    // The common case, a client repeating the same header, costs one string comparison.
    if (header === this.expectedHeader) return { user: this.credentials.user, scheme: "basic" };
    const space = header.indexOf(" ");
    if (space < 0) return undefined;
    const scheme = header.slice(0, space).toLowerCase();
    const value = header.slice(space + 1).trim();
    if (scheme === "basic") return this.basic(value);
    if (scheme === "bearer" && this.tokensEnabled) return this.bearer(value);
    return undefined;
  }

  issue(user: string): { accessToken: string; expireTime: number } {
    const now = this.now();
    for (const [token, t] of this.tokens) if (t.expires <= now) this.tokens.delete(token);
    const accessToken = randomBytes(32).toString("base64url");
    const expires = now + this.tokenTtlMs;
    this.tokens.set(accessToken, { user, expires });
    // The Java client reads expireTime in epoch seconds.
    return { accessToken, expireTime: Math.floor(expires / 1000) };
  }

  private basic(value: string): Principal | undefined {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    const userOk = same(decoded.slice(0, colon), this.credentials.user);
    const passwordOk = same(decoded.slice(colon + 1), this.credentials.password);
    return userOk && passwordOk ? { user: this.credentials.user, scheme: "basic" } : undefined;
  }

  private bearer(token: string): Principal | undefined {
    const entry = this.tokens.get(token);
    if (!entry || entry.expires <= this.now()) return undefined;
    return { user: entry.user, scheme: "bearer" };
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
