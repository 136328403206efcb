import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

// Checks of ARCHITECTURE.md itself, and of the two invariants it states that a layer rule
// cannot express (the rest are in .dependency-cruiser.cjs, run by `npm run layers`).

const root = fileURLToPath(new URL("..", import.meta.url));
const map = readFileSync(join(root, "ARCHITECTURE.md"), "utf8");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The code of a file without its comments, so that a comment may name what the code must not do. */
const code = (path: string): string =>
  readFileSync(join(root, path), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");

describe("ARCHITECTURE.md", () => {
  it("names only paths that exist", () => {
    const links = [...map.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    const quoted = [...map.matchAll(/`((?:src|test|docs|scripts|bench|grammar|stdlib|editors)\/[^`\s]*)`/g)].map((m) => m[1]!);
    const paths = [...new Set([...links, ...quoted].map((p) => p.split("#")[0]!))];
    expect(paths.length).to.be.greaterThan(40);
    expect(paths.filter((p) => !existsSync(join(root, p)))).to.deep.equal([]);
  });

  it("has a paragraph for every folder of src/", () => {
    const folders = readdirSync(join(root, "src"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !map.includes(`**\`src/${f}/\`**`))).to.deep.equal([]);
  });
});

describe("invariants the map states", () => {
  it("drivers throw only on xdc's own bugs: every failure of the outside world is a Result", () => {
    const bug = /^throw new (?:Error\(`(?:xdc bug|internal)\b|RangeError\()/;
    const throws = sources("src/drivers").flatMap((f) =>
      [...code(f).matchAll(/\bthrow\b[^;]*/g)].map((m) => ({ f, statement: m[0].trim() })).filter((t) => !bug.test(t.statement)),
    );
    expect(throws).to.deep.equal([]);
  });

  it("time only through the clock: outside cli/ and sim/, only runtime/clock.ts reads the time or sets a timer", () => {
    const time = /\bDate\.now\b|\bnew Date\(\)|\bperformance\.now\b|\bset(?:Timeout|Interval|Immediate)\b/;
    const offenders = sources("src")
      .filter((f) => !/^src\/(cli|sim)\//.test(f) && f !== "src/runtime/clock.ts")
      .filter((f) => time.test(code(f)));
    expect(offenders).to.deep.equal([]);
  });
});
