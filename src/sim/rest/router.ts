import type { Method, Route } from "./routes.js";

export interface Match {
  readonly route: Route;
  /** path parameters in path order, decoded */
  readonly params: ReadonlyArray<readonly [string, string]>;
}

interface Compiled {
  readonly route: Route;
  readonly segments: readonly string[];
}

/** Matches a path (below /streams/rest, without query) against the route table. */
export class Router {
  private readonly byLength = new Map<number, Compiled[]>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const segments = route.path.split("/");
      const list = this.byLength.get(segments.length) ?? [];
      list.push({ route, segments });
      this.byLength.set(segments.length, list);
    }
  }

  /** `undefined` when no route has this shape; a malformed %-escape matches nothing. */
  match(path: string): Match | undefined {
    const parts = path.split("/");
    for (const candidate of this.byLength.get(parts.length) ?? []) {
      const params: Array<readonly [string, string]> = [];
      let matched = true;
      for (let i = 0; i < parts.length; i++) {
        const pattern = candidate.segments[i]!;
        const part = parts[i]!;
        if (pattern.startsWith(":")) {
          const value = decode(part);
          if (value === undefined || value.length === 0) {
            matched = false;
            break;
          }
          params.push([pattern.slice(1), value]);
        } else if (pattern !== part) {
          matched = false;
          break;
        }
      }
      if (matched) return { route: candidate.route, params };
    }
    return undefined;
  }
}

export const allowedMethods = (route: Route): Method[] => Object.keys(route.methods) as Method[];

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
