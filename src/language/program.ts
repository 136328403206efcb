import type { ScenarioParam } from "./scenario-params.js";
import type { TemplatePart } from "./template.js";
import type { Builtin } from "../builtins/builtin.js";
import type * as A from "./ast.js";
import type { Scope } from "./scope.js";
import type { Span } from "./span.js";
import type { Type } from "./types.js";
import type { Value } from "./values.js";

/**
 * What the checker hands to later stages (plan, interpreter, language server): the resolved
 * meaning of every name and the type of every expression, keyed by AST node, plus the
 * scenarios' environments and settings, user definitions and imported modules.
 */
export interface CheckedProgram extends CheckedModule {
  readonly scenarios: readonly CheckedScenario[];
  /** Every module imported, directly or not, by resolved path. */
  readonly modules: ReadonlyMap<string, CheckedModule>;
  /** The type of every expression, in this file and in the modules it imports. */
  readonly types: ReadonlyMap<A.Expr, Type>;
  /** Values known without running anything (literals, constant arithmetic, known calls). */
  readonly values: ReadonlyMap<A.Expr, Value>;
  /** What each name (and each `module.member`) refers to; definitions carry their span. */
  readonly symbols: ReadonlyMap<A.Name | A.Member, Binding>;
  /** What each declaring name (of a `let`, parameter, `as`, definition, environment, import alias) declares. */
  readonly declarations: ReadonlyMap<A.Ident, Binding>;
  /** What each call calls: a builtin or a user definition. */
  readonly calls: ReadonlyMap<A.Call, CallTarget>;
  /** The scope of every file, definition, scenario and block checked, innermost last among nested ones. */
  readonly scopes?: readonly ScopeAt[];
  /** The parts of each message that holds `{expressions}`: what the interpreter writes in. */
  readonly templates?: ReadonlyMap<A.StringLit, readonly TemplatePart[]>;
}

/** A scope and the source it covers: the names visible at a position are those of the innermost one containing it. */
export interface ScopeAt {
  readonly span: Span;
  readonly scope: Scope;
}

export interface CheckedModule {
  readonly path: string;
  readonly file: A.SourceFile;
  /** `fault` and `check` definitions of this file, by name. */
  readonly definitions: ReadonlyMap<string, UserDefinition>;
  readonly environments: ReadonlyMap<string, EnvironmentInfo>;
  /** Everything the module offers to a file that imports it, by name. */
  readonly exports: ReadonlyMap<string, Binding>;
  readonly imports: readonly ImportInfo[];
}

export interface ImportInfo {
  readonly node: A.Import;
  /** The resolved path, or undefined when the module was not found or closes a cycle. */
  readonly path?: string;
}

export interface CheckedScenario {
  readonly node: A.Scenario;
  /** Its name, with the parameters `--set` gave after it: `sweep [rate=800/s]`. */
  readonly name: string;
  /** Its parameters with the values this run uses (defaults, or `--set`). */
  readonly params?: readonly ScenarioParam[];
  readonly environment: EnvironmentInfo;
  readonly settings: ScenarioSettings;
}

export interface ScenarioSettings {
  readonly timeoutMs?: number;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly seed?: number;
  /** `repeat:`: how many times `xdc exec` runs it. */
  readonly repeat?: number;
  /** `min_pass:` as a share from 0 to 1. */
  readonly minPass?: number;
}

export interface EnvironmentInfo {
  readonly name: string;
  /** The declaration's name, or undefined for the built-in twin `sim`. */
  readonly span?: Span;
  readonly dcs: readonly DcInfo[];
  readonly sshKey?: string;
  readonly groundTruth?: string;
  /** TLS for every datacenter that does not say otherwise. */
  readonly tls?: TlsInfo;
  /** The scenario named an environment that does not exist: its datacenter names cannot be checked. */
  readonly unresolved?: true;
}

export interface DcInfo {
  readonly name: string;
  readonly span?: Span;
  readonly streams?: string;
  readonly instance?: string;
  readonly user?: string;
  /** Where the password comes from; never the password itself. */
  readonly password?: { readonly secret: string } | "written in clear";
  readonly data?: string;
  readonly prometheus?: string;
  /** URL of the datacenter's Jolokia agent or proxy, for `jmx(…)`. */
  readonly jolokia?: string;
  readonly hosts: readonly HostInfo[];
  /** TLS for this datacenter's REST API, data service, Prometheus and Jolokia: its own settings over the environment's. */
  readonly tls?: TlsInfo;
  /**
   * How many hosts `hosts(dc)` gives, when known before the run (the twin's, or those an
   * environment declares), for the range of `hosts(dc)[i]` (XDC3013).
   */
  readonly hostCount?: number;
}

/**
 * How to trust a deployment's HTTPS servers (and be trusted by them). Paths are resolved:
 * absolute, or relative to the file that declares the environment.
 */
export interface TlsInfo {
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly clientCert?: string;
  readonly clientKey?: string;
}

export interface HostInfo {
  readonly name: string;
  readonly address?: string;
  readonly ssh?: string;
  readonly hostKey?: string;
}

export interface UserDefinition {
  readonly kind: "fault" | "check";
  readonly name: string;
  readonly node: A.Definition;
  readonly file: string;
  readonly params: readonly UserParam[];
  readonly doc?: string;
}

export interface UserParam {
  readonly name: string;
  readonly type: Type;
  readonly span: Span;
  readonly default?: A.Expr;
}

export type CallTarget =
  | { readonly kind: "builtin"; readonly builtin: Builtin }
  | { readonly kind: "definition"; readonly definition: UserDefinition };

/** What a name means: the checker's symbol. `span` is its definition, for go-to-definition. */
export type Binding =
  | { readonly kind: "builtin"; readonly name: string; readonly builtin: Builtin }
  | { readonly kind: "definition"; readonly name: string; readonly span: Span; readonly definition: UserDefinition }
  | {
      readonly kind: "value";
      readonly name: string;
      readonly span: Span;
      readonly type: Type;
      readonly origin: "let" | "param" | "await";
      readonly value?: Value;
    }
  | { readonly kind: "dc"; readonly name: string; readonly span?: Span; readonly environment: EnvironmentInfo }
  | { readonly kind: "environment"; readonly name: string; readonly span?: Span; readonly environment: EnvironmentInfo }
  | { readonly kind: "module"; readonly name: string; readonly span: Span; readonly module: CheckedModule };

export const bindingSpan = (b: Binding): Span | undefined => (b.kind === "builtin" ? undefined : b.span);
