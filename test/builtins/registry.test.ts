import { expect } from "chai";
import { BUILTINS, BUILTINS_BY_NAME, CATEGORIES, isRequired } from "../../src/builtins/index.js";
import { detail, listing, signature, toJson } from "../../src/builtins/describe.js";
import { KEYWORDS } from "../../src/language/lexer.js";
import { assignable, show, syntax } from "../../src/language/types.js";
import { checked, line } from "../language/check-helpers.js";

/** Where an example runs: a scenario on the twin with `app`, a workload `load` and a failover `fo` at hand. */
function harness(phase: string, example: string): string {
  const at = (p: string) => (p === phase ? example.split("\n").map((l) => `    ${l}`).join("\n") : "");
  return `scenario "example" {
  environment: sim
  timeout: 30m
  let app = application("Demo", bundle: "apps/Demo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1)
${at("setup")}
  }
  steady {
${at("steady")}
  }
  run {
    let load = inject(app.Ingest, rate: 100/s, for: 5m)
    let fo = await failover(app, to: dc2) within 5m
${at("run")}
  }
  verify {
    expect lost(load, app.Results) <= 100%
    expect fo.rto >= 0s
${at("verify")}
  }
  teardown {
${at("teardown")}
  }
}
`;
}

describe("builtins registry", () => {
  it("has unique names that are not keywords", () => {
    const names = BUILTINS.map((b) => b.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const n of names) expect(KEYWORDS as readonly string[]).not.to.include(n);
    expect(BUILTINS_BY_NAME.size).to.equal(BUILTINS.length);
  });

  it("has the primitives the language promises", () => {
    const required = [
      "application", "submit", "cancel", "healthy", "job", "pe", "host", "hosts", "secret",
      "partition", "isolate", "latency", "packet_loss", "bandwidth", "kill", "pause", "resume",
      "stress_cpu", "stress_memory", "stress_disk", "cancel_job", "stop_pe", "stop_instance", "revert",
      "inject", "collect", "failover", "metric", "throughput", "lost", "duplicates", "ordered", "rpo", "log",
    ];
    for (const n of required) expect(BUILTINS_BY_NAME.has(n), n).to.equal(true);
  });

  for (const b of BUILTINS) {
    describe(b.name, () => {
      it("documents itself and each parameter, with a type", () => {
        expect(b.doc, "doc").to.match(/^[A-Z].*\.$/);
        expect(b.doc.includes("\n")).to.equal(false);
        expect(CATEGORIES.map((c) => c.name)).to.include(b.category);
        const params = b.params.map((p) => p.name);
        expect(new Set(params).size).to.equal(params.length);
        for (const p of b.params) {
          expect(p.type.kind, p.name).not.to.equal("error");
          expect(p.doc, p.name).to.match(/^[A-Z`].*\.$/);
        }
      });

      it("is a fault exactly when it returns a Fault", () => {
        expect(b.fault !== undefined).to.equal(b.returns.kind === "entity" && b.returns.name === "Fault");
      });

      it("has defaults of its parameters' types", () => {
        for (const p of b.params.filter((x) => x.default !== undefined)) {
          const r = checked(`let _d = ${p.default!}`);
          expect(r.diagnostics.map(line), p.name).to.deep.equal([]);
          const init = r.value.file.items[0];
          const t = init?.kind === "let" ? r.value.types.get(init.value) : undefined;
          expect(t && assignable(t, p.type), `${p.name}: ${t ? show(t) : "?"} for ${syntax(p.type)}`).to.equal(true);
        }
        // A required parameter after an optional one could only be given by name: keep them first.
        const firstOptional = b.params.findIndex((p) => !isRequired(p));
        if (firstOptional >= 0) expect(b.params.slice(firstOptional).every((p) => !isRequired(p)), "required after optional").to.equal(true);
      });

      it("has an example that checks clean", () => {
        const text = b.exampleIn === "file" ? b.example : harness(b.exampleIn ?? "run", b.example);
        const r = checked(text, {}, `example-${b.name}.xdc`);
        expect(r.diagnostics.map(line), text).to.deep.equal([]);
        const calls = [...r.value.calls.values()].filter((c) => c.kind === "builtin" && c.builtin === b);
        expect(calls.length, "the example calls it").to.be.greaterThan(0);
      });

      it("describes a call for `xdc plan`", () => {
        const args = Object.fromEntries(b.params.map((p) => [p.name, p.default ?? `<${p.name}>`]));
        const text = b.describe(args);
        expect(text).to.be.a("string").and.not.match(/undefined/);
        expect(text.length).to.be.greaterThan(3);
      });
    });
  }

  it("lists every builtin by category, and shows one in full", () => {
    const all = listing();
    for (const b of BUILTINS) expect(all).to.include(signature(b));
    expect(all.indexOf("Network faults")).to.be.lessThan(all.indexOf("partition("));
    const one = detail(BUILTINS_BY_NAME.get("latency")!);
    expect(one).to.include("latency(a: DC, b: DC, delay: Duration, jitter: Duration = 0ms) -> Fault");
    expect(one).to.include("Example:\n  latency(dc1, dc2, delay: 200ms, jitter: 20ms) for 1m");
    expect(one).to.include("stays applied until undone");
  });

  it("gives computed return types their static form in signatures", () => {
    expect(signature(BUILTINS_BY_NAME.get("application")!)).to.match(/-> Application$/);
    expect(signature(BUILTINS_BY_NAME.get("failover")!)).to.equal("failover(app: Application, to: DC, from?: DC) -> Event<Failover>");
  });

  it("serializes to JSON with every parameter", () => {
    const json = toJson(BUILTINS) as { format_version: string; builtins: { name: string; params: { name: string; type: string }[] }[] };
    expect(json.format_version).to.equal("1.0");
    expect(json.builtins.map((b) => b.name)).to.deep.equal(BUILTINS.map((b) => b.name));
    const inject = json.builtins.find((b) => b.name === "inject")!;
    expect(inject.params.map((p) => `${p.name}: ${p.type}`)).to.deep.equal([
      "endpoint: Endpoint", "rate: Rate | RateShape", "for: Duration", "key: String", "schema: Record", "file: String", "timestamps: String", "speed: Number", "loop: Bool",
      "keys: Number", "keyed_by: String", 'spread: "uniform" | "zipf"', "payload: Bytes",
    ]);
  });

});
