import type { Redactor } from "../../runtime/redact.js";

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** `Basic base64(user:password)`, with the password and its encoding registered as secrets first. */
export function basicAuthorization(c: Credentials, redactor: Redactor): string {
  const encoded = Buffer.from(`${c.user}:${c.password}`, "utf8").toString("base64");
  redactor.add(c.password);
  redactor.add(encoded);
  return `Basic ${encoded}`;
}
