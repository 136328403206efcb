/**
 * The shape of JSON read back from disk (the ledger, the journal), checked before any code
 * relies on it: a record with `hosts: null` or a number where a list belongs must be named as
 * damage, not found later as a TypeError deep inside an undo or a report. A shape answers
 * what is wrong with a value, with the path to it (`fault.hosts.dc1-a.port`), or undefined.
 */
export type Shape = (value: unknown, path: string) => string | undefined;

/** A field an object may leave out; present, it must have the shape. */
export interface Optional {
  readonly optional: Shape;
}
export type Field = Shape | Optional;
export const opt = (shape: Shape): Optional => ({ optional: shape });

/** How a value is named in a message: its kind, not its content (a ledger may hold a hostile line). */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  switch (typeof v) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return typeof v;
  }
}

const wrong = (path: string, v: unknown, wanted: string) => `\`${path}\` is ${kindOf(v)}, not ${wanted}`;

export const str: Shape = (v, p) => (typeof v === "string" ? undefined : wrong(p, v, "a string"));
export const num: Shape = (v, p) => (typeof v === "number" && Number.isFinite(v) ? undefined : wrong(p, v, "a number"));
export const int: Shape = (v, p) => (Number.isSafeInteger(v) ? undefined : wrong(p, v, "a whole number"));
export const bool: Shape = (v, p) => (typeof v === "boolean" ? undefined : wrong(p, v, "true or false"));

/** One of a few strings. */
export const oneOf =
  (values: readonly string[]): Shape =>
  (v, p) =>
    typeof v === "string" && values.includes(v) ? undefined : `\`${p}\` is ${typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : kindOf(v)}, not one of ${values.join(", ")}`;

/** A JavaScript regular expression, as probes' expectations carry them. */
export const regex: Shape = (v, p) => {
  const problem = str(v, p);
  if (problem !== undefined) return problem;
  try {
    new RegExp(v as string);
    return undefined;
  } catch {
    return `\`${p}\` is not a regular expression`;
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const list =
  (item: Shape): Shape =>
  (v, p) => {
    if (!Array.isArray(v)) return wrong(p, v, "a list");
    for (const [i, x] of v.entries()) {
      const problem = item(x, `${p}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };

/** An object used as a map: any keys, every value of one shape. */
export const record =
  (value: Shape): Shape =>
  (v, p) => {
    if (!isObject(v)) return wrong(p, v, "an object");
    for (const [k, x] of Object.entries(v)) {
      const problem = value(x, `${p}.${k}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };

/** An object with these fields (others are allowed: a newer xdc may add some). */
export const object =
  (fields: Readonly<Record<string, Field>>): Shape =>
  (v, p) => {
    if (!isObject(v)) return wrong(p, v, "an object");
    for (const [k, field] of Object.entries(fields)) {
      const at = p === "" ? k : `${p}.${k}`;
      const present = Object.hasOwn(v, k);
      if ("optional" in field) {
        const problem = present ? field.optional(v[k], at) : undefined;
        if (problem !== undefined) return problem;
        continue;
      }
      if (!present) return `\`${at}\` is missing`;
      const problem = field(v[k], at);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };

/** A union told apart by one field (`type`, `via`, `op`): the shape its value names. */
export const variant =
  (key: string, shapes: Readonly<Record<string, Shape>>): Shape =>
  (v, p) => {
    if (!isObject(v)) return wrong(p, v, "an object");
    const tag = v[key];
    const at = p === "" ? key : `${p}.${key}`;
    if (typeof tag !== "string" || !Object.hasOwn(shapes, tag)) return oneOf(Object.keys(shapes))(tag, at);
    return shapes[tag]!(v, p);
  };

/** A shape whose definition refers to itself (a jump host is a host). */
export const lazy =
  (shape: () => Shape): Shape =>
  (v, p) =>
    shape()(v, p);
