import { describe, isObject } from "../bundle/validate.js";
import { badInput, conflict, notFound, type ModelError } from "./errors.js";
import { err, ok, type Result } from "./result.js";
import type { AppConfiguration } from "./types.js";

/** The request body of `POST …/applicationconfigurations` and `PATCH …/{name}`. */
export interface AppConfigurationInput {
  readonly name?: unknown;
  readonly description?: unknown;
  readonly properties?: unknown;
}

const NAME = /^[A-Za-z0-9_.:-]{1,256}$/;

/**
 * Application configurations (named property sets, reference §1.7 "lower priority"); the
 * Cross-DC Failover toolkit reads its settings from one named `CrossDCFailover` (§3.3).
 */
export class AppConfigStore {
  private readonly configs = new Map<string, AppConfiguration>();

  constructor(
    private readonly now: () => number,
    /** called after every change, so the instance's revision moves */
    private readonly changed: () => void,
  ) {}

  list(): AppConfiguration[] {
    return [...this.configs.values()];
  }

  get(name: string): AppConfiguration | undefined {
    return this.configs.get(name);
  }

  create(input: AppConfigurationInput, owner: string): Result<AppConfiguration, ModelError> {
    if (typeof input.name !== "string" || !NAME.test(input.name)) {
      return err(badInput("name", `expected a name of letters, digits and _ . : -, found ${describe(input.name)}`));
    }
    if (this.configs.has(input.name)) return err(conflict(`the application configuration ${input.name} exists already`));
    const properties = readProperties(input.properties ?? {});
    if (!properties.ok) return properties;
    const description = readDescription(input.description ?? "");
    if (!description.ok) return description;
    const time = this.now();
    const config: AppConfiguration = { name: input.name, description: description.value, properties: properties.value, owner, creationTime: time, lastModifiedTime: time };
    this.configs.set(config.name, config);
    this.changed();
    return ok(config);
  }

  /** Merges properties (a property set to null is removed) and replaces the description if given. */
  update(name: string, input: AppConfigurationInput): Result<AppConfiguration, ModelError> {
    const current = this.configs.get(name);
    if (!current) return err(notFound("applicationConfiguration", name));
    const merged: Record<string, string> = { ...current.properties };
    if (input.properties !== undefined) {
      if (!isObject(input.properties)) return err(badInput("properties", `expected an object of string values, found ${describe(input.properties)}`));
      for (const [key, value] of Object.entries(input.properties)) {
        if (value === null) delete merged[key];
        else if (typeof value === "string") merged[key] = value;
        else return err(badInput(`properties.${key}`, `expected a string (or null to remove it), found ${describe(value)}`));
      }
    }
    const description = readDescription(input.description ?? current.description);
    if (!description.ok) return description;
    const config: AppConfiguration = { ...current, description: description.value, properties: merged, lastModifiedTime: this.now() };
    this.configs.set(name, config);
    this.changed();
    return ok(config);
  }

  delete(name: string): Result<AppConfiguration, ModelError> {
    const current = this.configs.get(name);
    if (!current) return err(notFound("applicationConfiguration", name));
    this.configs.delete(name);
    this.changed();
    return ok(current);
  }
}

function readProperties(value: unknown): Result<Record<string, string>, ModelError> {
  if (!isObject(value)) return err(badInput("properties", `expected an object of string values, found ${describe(value)}`));
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") return err(badInput(`properties.${key}`, `expected a string, found ${describe(v)}`));
  }
  return ok({ ...(value as Record<string, string>) });
}

function readDescription(value: unknown): Result<string, ModelError> {
  return typeof value === "string" ? ok(value) : err(badInput("description", `expected a string, found ${describe(value)}`));
}

