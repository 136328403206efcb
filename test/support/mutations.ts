import fc from "fast-check";

/**
 * Damage done to JSON-lines files (journals, ledgers) for property tests, the way crashes,
 * disks and hands do it: a file cut short, lines lost, a field given a value of another type,
 * a stray line. Each mutation says which line it broke for certain, so tests can demand that
 * the damage be named.
 */
export type Mutation =
  | { readonly kind: "cut"; readonly at: number }
  | { readonly kind: "drop-tail"; readonly keep: number }
  | { readonly kind: "mistype"; readonly line: number; readonly path: number; readonly value: unknown }
  | { readonly kind: "stray"; readonly line: number; readonly text: string };

/** A JSON value of every kind, small. */
const anyValue = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("drop-tail" as const), keep: fc.nat() }),
  fc.record({ kind: fc.constant("mistype" as const), line: fc.nat(), path: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant("stray" as const), line: fc.nat(), text: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.json({ maxDepth: 2 })).filter((t) => t.trim() !== "" && !t.includes("\n")) }),
);

const kindOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Every path to a value inside a JSON value, with the kind found there. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return prefix.length === 0 ? [] : [prefix];
  const own = prefix.length === 0 ? [] : [prefix];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return [...own, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

export interface Mutated {
  readonly text: string;
  /** The 1-based line that a reader must call damaged, when the mutation made one for certain. */
  readonly damagedLine?: number;
}

/**
 * Applies mutations in turn to whole lines of JSON. A mistype puts a value of another JSON
 * type at an existing path, which no field of a well-formed record accepts. A line is damaged
 * for certain when, after every mutation, some path a mistype touched holds a value of
 * another kind than the line first had there (a second mistype may have put one of the
 * first kind back), unless a later mutation cut or dropped it.
 */
export function mutate(lines: readonly string[], mutations: readonly Mutation[]): Mutated {
  let current = [...lines];
  // Per current line: its value as first written (undefined for a stray line), and the paths a mistype touched.
  let origin: { readonly value: unknown; readonly touched: (string | number)[][] }[] = lines.map((l) => ({ value: JSON.parse(l) as unknown, touched: [] }));
  let tail = "";
  for (const m of mutations) {
    if (current.length === 0) break;
    switch (m.kind) {
      case "cut": {
        const text = current.map((l) => `${l}\n`).join("") + tail;
        const at = m.at % (text.length + 1);
        const kept = text.slice(0, at);
        current = kept.split("\n");
        tail = current.pop()!;
        origin = origin.slice(0, current.length);
        break;
      }
      case "drop-tail":
        current = current.slice(0, m.keep % (current.length + 1));
        origin = origin.slice(0, current.length);
        tail = "";
        break;
      case "mistype": {
        const i = m.line % current.length;
        let value: unknown;
        try {
          value = JSON.parse(current[i]!);
        } catch {
          break;
        }
        const all = paths(value);
        if (all.length === 0) break;
        const path = all[m.path % all.length]!;
        if (kindOf(at(value, path)) === kindOf(m.value)) break;
        setAt(value, path, m.value);
        current[i] = JSON.stringify(value);
        origin[i]!.touched.push(path);
        break;
      }
      case "stray": {
        const i = m.line % (current.length + 1);
        current.splice(i, 0, m.text);
        origin.splice(i, 0, { value: undefined, touched: [] });
        break;
      }
    }
  }
  const text = current.map((l) => `${l}\n`).join("") + tail;
  const index = current.findIndex((line, i) => {
    const o = origin[i]!;
    if (o.value === undefined || o.touched.length === 0) return false;
    const now = JSON.parse(line) as unknown;
    return o.touched.some((path) => kindOf(at(now, path)) !== kindOf(at(o.value, path)));
  });
  return { text, ...(index >= 0 ? { damagedLine: index + 1 } : {}) };
}

/** The value at a path, or undefined where the path no longer leads anywhere. */
function at(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** What must never reach a user: a stack trace or the CLI's last-resort message. */
export const CRASH = /internal error|\n\s+at .+:\d+:\d+|TypeError|RangeError|ReferenceError/;
