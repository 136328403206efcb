import { expect } from "chai";
import { format } from "../../src/language/format.js";

/** Formats a file and checks the result: what the layout rules promise, one rule per case. */
const fmt = (text: string) => {
  const r = format(text, "t.xdc");
  expect(r.diagnostics.map((d) => d.message)).to.deep.equal([]);
  return r.text;
};
const inRun = (stmts: string) => fmt(`scenario "s" {\n  run {\n${stmts}\n  }\n}\n`);
const runBody = (formatted: string) =>
  formatted.split("\n").slice(2, -3).map((l) => l.slice(4)).join("\n");
const stmt = (text: string) => runBody(inRun(text));

describe("format", () => {
  it("lays a file out canonically", () => {
    const messy = `import "std/faults" as f
scenario   "s"{timeout:10m;tags:["a","b"]
setup{submit( app ,to:dc1 ,role : primary );await healthy(app,on:dc1)within 2m}
run{at 20s:partition(dc1,dc2)for 30s
at 30s{wait 1s}}}`;
    expect(fmt(messy)).to.equal(`import "std/faults" as f
scenario "s" {
  timeout: 10m
  tags: ["a", "b"]
  setup {
    submit(app, to: dc1, role: primary)
    await healthy(app, on: dc1) within 2m
  }
  run {
    at 20s: partition(dc1, dc2) for 30s
    at 30s {
      wait 1s
    }
  }
}
`);
  });

  it("puts spaces around binary operators and none before `(`", () => {
    expect(stmt("expect a+b*c<=d and not e or f")).to.equal("expect a + b * c <= d and not e or f");
    expect(stmt("let x = f (1)[2] . y")).to.equal("let x = f(1)[2].y");
  });

  it("writes parentheses only where precedence needs them", () => {
    expect(stmt("let x = ((a + b)) * (c) - (d * e) - (f - g)")).to.equal("let x = (a + b) * c - d * e - (f - g)");
    expect(stmt("expect not (a and b) and (not c) and (d or e)")).to.equal("expect not (a and b) and not c and (d or e)");
    expect(stmt("let y = (-a).b + -(c.d) + (await e within 1s)")).to.equal("let y = (-a).b + -c.d + (await e within 1s)");
    expect(stmt("expect (a < b) == (c)")).to.equal("expect (a < b) == c");
  });

  it("keeps literals as written, and re-encodes a string only when it must", () => {
    expect(stmt('let x = [1_000, 0.50%, 64KiB, 1e3, 30/m, "a\\u{1F600}\\t"]')).to.equal('let x = [1_000, 0.50%, 64KiB, 1e3, 30/m, "a\\u{1F600}\\t"]');
    expect(stmt('let r = {"quoted-key": 1, plain: 2, for: 3}')).to.equal('let r = {"quoted-key": 1, plain: 2, for: 3}');
  });

  it("breaks a list that does not fit in 100 columns, one item per line with a trailing comma", () => {
    const items = Array.from({ length: 12 }, (_, i) => `"item-number-${i}"`);
    expect(stmt(`let xs = [${items.join(", ")}]`)).to.equal(["let xs = [", ...items.map((i) => `  ${i},`), "]"].join("\n"));
    expect(stmt(`let xs = [${items.slice(0, 3).join(",\n")},\n]`)).to.equal(`let xs = [${items.slice(0, 3).join(", ")}]`);
  });

  it("moves a long `else` message to the next line rather than break the condition", () => {
    const message = `"${"m".repeat(70)}"`;
    expect(stmt(`expect rpo(load, sink) <= limit else ${message}`)).to.equal(`expect rpo(load, sink) <= limit\n  else ${message}`);
    expect(stmt(`expect rpo(load, sink) <= limit else "short"`)).to.equal(`expect rpo(load, sink) <= limit else "short"`);
  });

  it("counts the 100 columns from the indentation", () => {
    const call = (n: number) => `f(${"a".repeat(n)}, b)`;
    // `    let x = ` is 12 columns inside run: 12 + 88 = 100 fits, 101 does not.
    expect(stmt(`let x = ${call(82)}`).split("\n")).to.have.length(1);
    expect(stmt(`let x = ${call(83)}`).split("\n")).to.have.length(4);
  });

  it("keeps `at T: stmt` and `at T { … }` as written", () => {
    expect(stmt("at 5s: wait 1s\nat 6s { wait 1s }\nafter x: wait 1s")).to.equal("at 5s: wait 1s\nat 6s {\n  wait 1s\n}\nafter x: wait 1s");
  });

  it("keeps at most one blank line between statements", () => {
    expect(stmt("wait 1s\n\n\n\nwait 2s\nwait 3s")).to.equal("wait 1s\n\nwait 2s\nwait 3s");
  });

  it("guards a statement that would otherwise continue the one before it", () => {
    expect(stmt("let a = b; (c + d).e()\nlet e = f; [1].g()\nwait 1s; -x\nlet g = h; (i).j()")).to.equal(
      "let a = b\n;(c + d).e()\nlet e = f\n;[1].g()\nwait 1s\n;-x\nlet g = h\ni.j()",
    );
  });

  it("prints every statement form", () => {
    const all = [
      "let fo = await failover(app, to: dc2) within 60s",
      "let f = partition(dc1, dc2) for 30s",
      "partition(dc1, dc2) for 30s",
      "await healthy(app) within 2m as h",
      "every 5s for 1m {\n  wait 1s\n}",
      "parallel {}",
      "wait 5s",
      "repeat 3 {\n  wait 1s\n}",
      "repeat {}",
      'expect x else "message"',
    ].join("\n");
    expect(stmt(all)).to.equal(all);
  });

  it("prints environments, definitions and imports", () => {
    const text = `import "std/faults"

environment lab {
  region: "eu"
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
  }
}

fault flap(a: DC, b: DC, names: [String], cycles: Number = 3) {
  wait 1s
}

check quiet() {}

let shared = 5s
`;
    expect(fmt(text)).to.equal(text);
  });

  it("keeps CRLF line breaks and a byte order mark", () => {
    expect(fmt('\ufeffscenario "s" {\r\n  run {  wait 1s }\r\n}\r\n')).to.equal('\ufeffscenario "s" {\r\n  run {\r\n    wait 1s\r\n  }\r\n}\r\n');
  });

  it("formats an empty file as an empty file", () => {
    expect(fmt("")).to.equal("");
    expect(fmt("\n\n  \n")).to.equal("");
  });

  it("refuses a file with syntax errors: the text stays, the errors come back", () => {
    const broken = 'scenario "s" {\n  run { wait }\n}\n';
    const r = format(broken, "broken.xdc");
    expect(r.text).to.equal(broken);
    expect(r.diagnostics.map((d) => [d.code, d.span.file, d.span.start.line])).to.deep.equal([["XDC1001", "broken.xdc", 2]]);
  });
});
