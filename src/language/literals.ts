/**
 * Unit suffixes of number literals, as data: a new unit is a new row. lower.ts classifies a
 * NumberLiteral token by its suffix; the formatter, the checker's fix-its and the docs read the
 * same tables.
 */
export const DURATION_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
export const BYTES = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
} as const;

export type NumberClass =
  | { kind: "number"; value: number }
  | { kind: "duration"; ms: number }
  | { kind: "rate"; perSecond: number }
  | { kind: "percent"; value: number }
  | { kind: "bytes"; bytes: number }
  | { kind: "badUnit"; value: number; suffix: string; suggestion?: string };

const NUMBER_PART = /^\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?/;

/** Every suffix a user may write, for "did you mean" on an unknown one. */
export const ALL_SUFFIXES = [
  ...Object.keys(DURATION_MS),
  ...Object.keys(DURATION_MS).map((u) => `/${u}`),
  "%",
  ...Object.keys(BYTES),
];

/** Common misspellings that are not within edit distance, mapped to what was meant. */
const ALIASES: Record<string, string> = {
  sec: "s", secs: "s", second: "s", seconds: "s", min: "m", mins: "m", minute: "m", minutes: "m",
  hr: "h", hrs: "h", hour: "h", hours: "h", msec: "ms", millis: "ms", milliseconds: "ms",
  "/sec": "/s", "/second": "/s", "/min": "/m", "/minute": "/m", "/hour": "/h", "/hr": "/h",
  k: "KB", kb: "KB", mb: "MB", gb: "GB", tb: "TB", b: "B", bytes: "B",
};

export function classifyNumber(raw: string): NumberClass {
  const digits = NUMBER_PART.exec(raw)?.[0] ?? raw;
  const value = Number(digits.replaceAll("_", ""));
  const suffix = raw.slice(digits.length);
  if (suffix === "") return { kind: "number", value };
  if (suffix === "%") return { kind: "percent", value };
  if (suffix in DURATION_MS) return { kind: "duration", ms: value * DURATION_MS[suffix as keyof typeof DURATION_MS] };
  if (suffix.startsWith("/") && suffix.slice(1) in DURATION_MS) {
    return { kind: "rate", perSecond: (value * 1000) / DURATION_MS[suffix.slice(1) as keyof typeof DURATION_MS] };
  }
  if (suffix in BYTES) return { kind: "bytes", bytes: value * BYTES[suffix as keyof typeof BYTES] };
  const suggestion = ALIASES[suffix] ?? ALIASES[suffix.toLowerCase()] ?? caseInsensitive(suffix);
  return { kind: "badUnit", value, suffix, ...(suggestion !== undefined ? { suggestion } : {}) };
}

const caseInsensitive = (suffix: string) => ALL_SUFFIXES.find((s) => s.toLowerCase() === suffix.toLowerCase());

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", "0": "\0" };

export interface DecodedString {
  readonly value: string;
  /** Offsets (within the raw text) and text of escapes that are not known. */
  readonly badEscapes: readonly { offset: number; text: string }[];
}

/** Decodes the body of a string literal (`raw` includes the quotes, the closing one may be missing). */
export function decodeString(raw: string): DecodedString {
  const closed = raw.length >= 2 && raw.endsWith('"') && !isEscapedQuote(raw);
  const body = raw.slice(1, closed ? -1 : undefined);
  let value = "";
  const badEscapes: { offset: number; text: string }[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) break;
    if (next in ESCAPES) {
      value += ESCAPES[next];
      i++;
    } else if (next === "u") {
      const m = /^u\{([0-9a-fA-F]{1,6})\}|^u([0-9a-fA-F]{4})/.exec(body.slice(i + 1));
      const code = m ? parseInt(m[1] ?? m[2]!, 16) : NaN;
      if (m && code <= 0x10ffff) {
        value += String.fromCodePoint(code);
        i += m[0].length;
      } else {
        badEscapes.push({ offset: i + 1, text: body.slice(i, i + 2) });
        i++;
      }
    } else {
      badEscapes.push({ offset: i + 1, text: `\\${next}` });
      value += next;
      i++;
    }
  }
  return { value, badEscapes };
}

/** Whether the final quote of `raw` is itself escaped (`"abc\"`: unterminated). */
function isEscapedQuote(raw: string): boolean {
  let slashes = 0;
  for (let i = raw.length - 2; i >= 1 && raw[i] === "\\"; i--) slashes++;
  return slashes % 2 === 1;
}

/**
 * Characters a terminal or editor acts on instead of showing: C0 and C1 controls (ESC starts
 * the sequences that move the cursor and erase lines; U+009B is an 8-bit CSI), DEL, the line
 * and paragraph separators, and the bidirectional overrides and isolates that reorder what is
 * shown around them.
 */
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };

/** One such character as a scenario would write it: `\n`, `\t`, `\r`, else `\u{1b}`. */
const escapeActive = (ch: string): string => SHORT[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16)}}`;

/**
 * Text from a scenario or a system, made safe to print on one line of a terminal: every
 * character that would act instead of showing is written as its escape, everything else as
 * is. `xdc plan` and `xdc exec` print scenario text through this (and `encodeString`).
 */
export const visible = (text: string): string => text.replace(ACTIVE, escapeActive);

/** Encodes a string value as a literal, for the formatter, generated files and quoted names in output. */
export function encodeString(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`).replace(ACTIVE, escapeActive)}"`;
}
