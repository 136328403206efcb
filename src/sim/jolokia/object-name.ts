import { err, ok, type Result } from "../model/result.js";

/** A JMX ObjectName, `domain:key=value,key=value`: its domain and key properties (their order does not matter). */
export interface ObjectName {
  readonly domain: string;
  readonly properties: ReadonlyMap<string, string>;
}

/**
 * Parses an ObjectName as JMX does, enough for the twin: a domain, a colon, one or more
 * `key=value` pairs. A quoted value (`name="1"`) keeps its quotes, since JMX holds
 * `name="1"` and `name=1` to be different names. Patterns (`*`, `?`) are refused: the twin
 * answers reads of single MBeans only.
 */
export function parseObjectName(text: string): Result<ObjectName, string> {
  const colon = text.indexOf(":");
  if (colon < 0) return err("Invalid object name. Key properties cannot be empty");
  const domain = text.slice(0, colon);
  if (/[*?]/.test(text)) return err(`pattern reads (${text}) are not answered by the twin: name one MBean`);
  if (/[\n=]/.test(domain)) return err(`Invalid character in the domain of ${text}`);
  const rest = text.slice(colon + 1);
  if (rest === "") return err("Invalid object name. Key properties cannot be empty");
  const properties = new Map<string, string>();
  for (const pair of splitProperties(rest)) {
    const eq = pair.indexOf("=");
    if (eq <= 0) return err(`Invalid key property list in ${text}: \`${pair}\` is not key=value`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (value === "" || /[:,="\n]/.test(key)) return err(`Invalid key property \`${pair}\` in ${text}`);
    if (!value.startsWith('"') && /[:,="\n]/.test(value)) return err(`Invalid value \`${value}\` in ${text}: quote it`);
    if (properties.has(key)) return err(`Key \`${key}\` is given twice in ${text}`);
    properties.set(key, value);
  }
  return ok({ domain, properties });
}

/** Splits `a=1,b="x,y"` at the commas outside quotes. */
function splitProperties(s: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted && c === "\\" && i + 1 < s.length) {
      current += c + s[++i]!;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}
