/**
 * Keeps secrets (passwords, tokens, the Basic header that encodes them) out of everything
 * xdc writes: log lines, error messages, journal events and reports. Drivers register each
 * secret the moment they learn it; whatever is written passes through `redact` first.
 */
export const REDACTED = "[redacted]";

/** Shorter strings would blank out ordinary words; a secret this short is no secret anyway. */
const MIN_SECRET_LENGTH = 3;

export class Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  private secrets: string[] = [];

  /** Registers a secret and the forms it travels in (URL-encoded, Base64 of `user:password`). */
  add(secret: string): void {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      if (form.length < MIN_SECRET_LENGTH || this.secrets.includes(form)) continue;
      this.secrets.push(form);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A copy of a JSON-like value with every string redacted (keys included). */
  redactValue<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === "string") return this.redact(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.redact(k), this.walk(v)]));
    }
    return value;
  }
}

/** `https://user:pw@host/p?q` → `https://host/p?q`: a URL fit for a message, without user info. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
}
