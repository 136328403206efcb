import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileSystemHost } from "../../src/language/fs-host.js";
import { checkText, memoryHost } from "../../src/language/index.js";
import { line, textAt } from "./check-helpers.js";

/** A scenario in `dir/` that injects `file` (with extra arguments) into the demo app. */
const scenario = (file: string, extra = "", bundle = "apps/demo.sab") => `scenario "t" {
  timeout: 5m
  let app = application("Demo", bundle: "${bundle}", sources: ["Ingest"], sinks: ["Results"])
  run {
    let _load = inject(app.Ingest, rate: 100/s, for: 10s, file: "${file}"${extra})
  }
}
`;

const ORDERS = '{"id":"a","qty":1,"at":0}\n{"id":"b","qty":2,"at":10}\n';
const assets = { "dir/apps/demo.sab": "a bundle", "dir/data/orders.jsonl": ORDERS, "dir/data/orders.csv": "id,qty,at\na,1,0\nb,x,10\n" };
const check = (text: string, files: Record<string, string> = assets) => checkText(text, "dir/main.xdc", memoryHost({}, files)).diagnostics;

describe("check: the files a scenario names (bundles, recorded data)", () => {
  it("a recording that exists and fits its schema checks clean, relative to the scenario", () => {
    expect(check(scenario("data/orders.jsonl", ', schema: {id: "rstring", qty: "int32"}, timestamps: "at"')).map(line)).to.deep.equal([]);
    expect(check(scenario("../dir/data/orders.jsonl")).map(line)).to.deep.equal([]);
  });

  it("XDC2014: a missing bundle or recording, at its string, with the path looked for", () => {
    const text = scenario("data/nothere.jsonl", "", "apps/nothere.sab");
    const ds = check(text);
    expect(ds.map(line)).to.deep.equal(['3:41 XDC2014 no bundle "apps/nothere.sab"', '5:65 XDC2014 no recorded data file "data/nothere.jsonl"']);
    expect(textAt(text, ds[1]!)).to.equal('"data/nothere.jsonl"');
    expect(ds[1]!.notes).to.deep.equal(["looked for dir/data/nothere.jsonl"]);
  });

  it("XDC3017: the first row that does not fit, by the file's line and attribute, at the file's string", () => {
    const text = scenario("data/orders.csv", ', schema: {id: "rstring", qty: "int32"}');
    const [d, ...rest] = check(text);
    expect(rest).to.deep.equal([]);
    expect(d!.code).to.equal("XDC3017");
    expect(d!.message).to.equal('data/orders.csv:3: `qty`: int32 needs a number, found "x"');
    expect(d!.label).to.equal("line 3 of this file");
    expect(textAt(text, d!)).to.equal('"data/orders.csv"');
  });

  it("XDC3017: recorded times that are missing or go back; a CSV header without an attribute", () => {
    const files = { ...assets, "dir/t.jsonl": '{"at":5}\n{"at":3}\n', "dir/h.csv": "id\na\n" };
    expect(check(scenario("t.jsonl", ', timestamps: "at"'), files).map((d) => d.message)).to.deep.equal(["t.jsonl:2: `at`: goes back in time"]);
    expect(check(scenario("t.jsonl", ', timestamps: "when"'), files).map((d) => d.message)).to.deep.equal(["t.jsonl:1: `when`: missing"]);
    expect(check(scenario("h.csv", ', schema: {qty: "int32"}'), files).map((d) => d.message)).to.deep.equal(["h.csv:1: `qty`: missing from the header (id)"]);
  });

  it("XDC3017: an unknown kind of file, and an empty recording", () => {
    const files = { ...assets, "dir/orders.txt": ORDERS, "dir/empty.jsonl": "\n\n" };
    expect(check(scenario("orders.txt"), files).map(line)).to.deep.equal(['5:65 XDC3017 "orders.txt" is not a recording xdc reads']);
    expect(check(scenario("empty.jsonl"), files).map(line)).to.deep.equal(['5:65 XDC3017 "empty.jsonl" holds no rows']);
  });

  it("reads only the head of a recording: a bad row after the first 100 is left to the run", () => {
    const rows = Array.from({ length: 150 }, (_, i) => `{"qty":${i}}`);
    rows[120] = '{"qty":"late"}';
    const files = { ...assets, "dir/long.jsonl": rows.join("\n") };
    expect(check(scenario("long.jsonl", ', schema: {qty: "int32"}'), files)).to.deep.equal([]);
    rows[99] = '{"qty":"early"}';
    expect(check(scenario("long.jsonl", ', schema: {qty: "int32"}'), { ...files, "dir/long.jsonl": rows.join("\n") }).map((d) => d.message)).to.deep.equal(['long.jsonl:100: `qty`: int32 needs a number, found "early"']);
  });

  it("a host that cannot tell which files exist checks none of them", () => {
    expect(checkText(scenario("data/nothere.jsonl", "", "nothere.sab"), "dir/main.xdc", memoryHost()).diagnostics).to.deep.equal([]);
  });

  it("on disk: the file-system host finds files beside the scenario and reads only a recording's head", () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-files-"));
    try {
      mkdirSync(join(dir, "apps"));
      mkdirSync(join(dir, "data"));
      writeFileSync(join(dir, "apps", "demo.sab"), "a bundle");
      // 400 KiB of good rows, then a bad one: beyond the head `check` reads.
      const good = '{"qty":1,"pad":"' + "x".repeat(100) + '"}\n';
      writeFileSync(join(dir, "data", "big.jsonl"), good.repeat(4_000) + '{"qty":"bad"}\n');
      writeFileSync(join(dir, "data", "bad.jsonl"), '{"qty":"bad"}\n');
      const at = (file: string) => checkText(scenario(file, ', schema: {qty: "int32"}'), join(dir, "main.xdc"), fileSystemHost()).diagnostics.map((d) => `${d.code} ${d.message}`);
      expect(at("data/big.jsonl")).to.deep.equal([]);
      expect(at("data/bad.jsonl")).to.deep.equal(['XDC3017 data/bad.jsonl:1: `qty`: int32 needs a number, found "bad"']);
      expect(at("data")).to.deep.equal(['XDC2014 no recorded data file "data"']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
