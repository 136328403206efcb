/**
 * A workload's schema: attribute names with SPL types the generator can fill. Scalars are the
 * names of SCALAR_TYPES (the same as `SCHEMA_TYPES` in the builtins), an enumeration is written
 * as in SPL (`"enum{red, green}"`), and a nested record is an object of the same kind.
 */
export type AttributeType =
  | { readonly kind: "scalar"; readonly name: ScalarType }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "record"; readonly fields: Schema };

export type Schema = readonly { readonly name: string; readonly type: AttributeType }[];

export const SCALAR_TYPES = ["int32", "int64", "uint32", "uint64", "float32", "float64", "rstring", "boolean", "timestamp"] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

/** A schema as written: `{ qty: "int32", colour: "enum{red, green}", addr: { city: "rstring" } }`. */
export type SchemaText = { readonly [name: string]: string | SchemaText };

export interface SchemaProblem {
  /** Dotted path of the attribute (`addr.city`). */
  readonly path: string;
  readonly message: string;
}

const ENUM = /^enum\s*\{(.*)\}$/s;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads one type name; a message saying what is wrong when it is not one. */
export function parseAttributeType(text: string): AttributeType | { readonly problem: string } {
  const t = text.trim();
  if ((SCALAR_TYPES as readonly string[]).includes(t)) return { kind: "scalar", name: t as ScalarType };
  const m = ENUM.exec(t);
  if (m === null) return { problem: `unknown attribute type "${text}"` };
  const values = m[1]!.split(",").map((v) => v.trim());
  const bad = values.find((v) => !IDENTIFIER.test(v));
  if (bad !== undefined) return { problem: bad === "" ? "an enumeration needs names between its commas" : `enumeration value \`${bad}\` is not a name` };
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) return { problem: `enumeration value \`${twice}\` appears twice` };
  return { kind: "enum", values };
}

/** Reads a schema as written; every problem found, each with its attribute's path. */
export function parseSchema(text: SchemaText, prefix = ""): { readonly schema: Schema; readonly problems: readonly SchemaProblem[] } {
  const schema: { name: string; type: AttributeType }[] = [];
  const problems: SchemaProblem[] = [];
  for (const [name, written] of Object.entries(text)) {
    const path = prefix + name;
    if (typeof written !== "string") {
      const inner = parseSchema(written, `${path}.`);
      problems.push(...inner.problems);
      if (inner.schema.length === 0 && inner.problems.length === 0) problems.push({ path, message: "a nested record needs at least one attribute" });
      schema.push({ name, type: { kind: "record", fields: inner.schema } });
      continue;
    }
    const type = parseAttributeType(written);
    if ("problem" in type) problems.push({ path, message: type.problem });
    else schema.push({ name, type });
  }
  return { schema, problems };
}
