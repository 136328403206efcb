import { expect } from "chai";
import { resolveSpec } from "../../src/language/module-host.js";
import { checked, codes, inRun, line, only, textAt } from "./check-helpers.js";

const LAB = `environment lab {
  dc dc1 { streams: "https://a/streams/rest" instance: "i" }
  dc dc2 { streams: "https://b/streams/rest" instance: "i" }
}
`;

describe("checker: imports", () => {
  it("resolves the standard library and paths relative to the importing file", () => {
    expect(resolveSpec("scenarios/a.xdc", "std/faults")).to.equal("std:faults.xdc");
    expect(resolveSpec("scenarios/a.xdc", "./envs/lab.xdc")).to.equal("scenarios/envs/lab.xdc");
    expect(resolveSpec("scenarios/a.xdc", "../lib/x")).to.equal("lib/x.xdc");
    expect(resolveSpec("/abs/a.xdc", "/etc/lab.xdc")).to.equal("/etc/lab.xdc");
    expect(resolveSpec("std:faults.xdc", "./checks.xdc")).to.equal("std:checks.xdc");
  });

  it("brings a module's definitions into scope by name", () => {
    expect(codes(`import "std/faults"\n${inRun("    flap(dc1, dc2, cycles: 2) for 2m\n    rolling_kill(app, \"Ingest\", on: dc1)")}`)).to.deep.equal(["XDC4002"]);
  });

  it("brings them under an alias with `as`", () => {
    const text = `import "std/checks" as checks\n${inRun("    let load = inject(app.Ingest, rate: 1/s, for: 1s)")}\n`.replace(
      "\n}\n",
      "\n  verify { checks.exactly_once(load, app.Results)\n checks.exactly_twice(load) }\n}\n",
    );
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC2001", "module `checks` has no `exactly_twice`", "exactly_twice"]);
  });

  it("uses an environment from an imported file", () => {
    const text = `import "./envs/lab.xdc"\nscenario "s" {\n  environment: lab\n  timeout: 1m\n  run { partition(dc1, dc3) for 1s }\n}`;
    const r = checked(text, { "envs/lab.xdc": LAB });
    expect(r.diagnostics.map(line)).to.deep.equal(["5:24 XDC2002 unknown datacenter `dc3`"]);
    const label = r.diagnostics[0]!.labels[0]!;
    expect([label.span.file, label.span.start.line, label.message]).to.deep.equal(["envs/lab.xdc", 2, "`dc1` is declared here"]);
    expect(r.value.scenarios[0]?.environment.name).to.equal("lab");
    expect([...r.value.modules.keys()]).to.deep.equal(["envs/lab.xdc"]);
  });

  it("uses an environment through an alias", () => {
    const text = `import "./lab.xdc" as envs\nscenario "s" {\n  environment: envs.lab\n  timeout: 1m\n  run { isolate(dc2) for 1s }\n}`;
    expect(checked(text, { "lab.xdc": LAB }).diagnostics.map(line)).to.deep.equal([]);
  });

  it("reports a module that is not there", () => {
    const d = only(`import "./nothere.xdc"`);
    expect([d.code, d.message, d.label]).to.deep.equal(["XDC2004", "cannot find module `./nothere.xdc`", "no file at `nothere.xdc`"]);
    const std = only(`import "std/fault"`);
    expect([std.code, std.help?.message, std.help?.edit?.newText]).to.deep.equal(["XDC2004", "did you mean `std/faults`?", '"std/faults"']);
  });

  it("reports an import cycle at the import that closes it", () => {
    const r = checked(`import "./a.xdc"\nlet x = 1`, { "a.xdc": `import "./b.xdc"`, "b.xdc": `import "./main.xdc"` });
    expect(r.diagnostics.map((d) => [d.span.file, d.code])).to.deep.equal([["b.xdc", "XDC2008"]]);
    expect(r.diagnostics[0]!.notes[0]).to.equal("the imports go `main.xdc` → `a.xdc` → `b.xdc` → `main.xdc`");
    expect(codes(`import "./main.xdc"`)).to.deep.equal(["XDC2008"]);
  });

  it("reports problems inside an imported file with its own spans, once", () => {
    const r = checked(`import "./lib.xdc"\nimport "./lib2.xdc"`, { "lib.xdc": "fault f(a: DC) { isolate(b) }", "lib2.xdc": `import "./lib.xdc"` });
    expect(r.diagnostics.map((d) => `${d.span.file} ${d.code}`)).to.deep.equal(["lib.xdc XDC2001"]);
  });

  it("reports two imports that bring the same name", () => {
    const r = checked(`import "./a.xdc"\nimport "./b.xdc"`, { "a.xdc": "let period = 1s", "b.xdc": "let period = 2s" });
    expect(r.diagnostics.map(line)).to.deep.equal(["2:8 XDC2003 this import brings a second `period`"]);
  });

  it("does not let a definition take a builtin's or an imported name", () => {
    expect(only("fault partition(a: DC) { isolate(a) }").message).to.equal("`partition` is a builtin");
    expect(only(`import "std/faults"\nfault flap(a: DC) { isolate(a) }`).message).to.equal("`flap` is already defined");
  });
});

describe("checker: names under an import alias", () => {
  it("offers the qualified name of a definition imported `as` an alias", () => {
    const d = only(`import "std/faults" as f\nscenario "s" {\n  timeout: 5m\n  run { flap(dc1, dc2) for 1m }\n}`);
    expect([d.code, d.help?.message, d.help?.edit?.newText, d.help?.edit?.applicability]).to.deep.equal(["XDC2009", "write `f.flap`", "f.flap", "machine-applicable"]);
  });

  it("says where datacenter names come from when used outside a scenario", () => {
    const d = only(`let primary = dc1`);
    expect(d.notes).to.deep.equal(["datacenter names come from a scenario's environment, and this is outside any scenario"]);
  });
});

describe("checker: symbols through an alias", () => {
  it("resolves `alias.name` to the definition in the imported module", () => {
    const r = checked(`import "std/faults" as f\nscenario "s" {\n  timeout: 5m\n  run { f.flap(dc1, dc2) for 1m }\n}`);
    expect(r.diagnostics).to.deep.equal([]);
    const member = [...r.value.symbols.keys()].find((n) => n.kind === "member")!;
    const b = r.value.symbols.get(member)!;
    expect(b.kind === "definition" && [b.name, b.span.file]).to.deep.equal(["flap", "std:faults.xdc"]);
    const alias = member.kind === "member" ? r.value.symbols.get(member.object as never) : undefined;
    expect(alias?.kind === "module" && alias.span.start.line).to.equal(1);
  });
});
