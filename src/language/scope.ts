import type { Binding } from "./program.js";

/**
 * A block of names, chained to the enclosing one. Lookup walks outwards; `all` lists
 * candidates for "did you mean", innermost first and in declaration order within a block.
 */
export class Scope {
  private readonly names = new Map<string, Binding>();

  constructor(readonly parent?: Scope) {}

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** Only this block's binding of the name. */
  local(name: string): Binding | undefined {
    return this.names.get(name);
  }

  /** The binding of the name in an enclosing block, which a new one here would shadow. */
  outer(name: string): Binding | undefined {
    return this.parent?.lookup(name);
  }

  declare(b: Binding): void {
    this.names.set(b.name, b);
  }

  child(): Scope {
    return new Scope(this);
  }

  *all(): Iterable<Binding> {
    const seen = new Set<string>();
    for (let s: Scope | undefined = this; s; s = s.parent) {
      for (const b of s.names.values()) {
        if (seen.has(b.name)) continue;
        seen.add(b.name);
        yield b;
      }
    }
  }
}
