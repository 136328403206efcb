import { expect } from "chai";
import type { ViewSpec } from "../../src/sim/bundle/manifest.js";
import { validateManifest } from "../../src/sim/bundle/validate.js";
import type { Job } from "../../src/sim/model/types.js";
import { ViewRecord } from "../../src/sim/model/views.js";
import { demoManifestJson } from "./fixtures.js";

const job = { id: "7" } as Job;
const spec = (over: Partial<ViewSpec> = {}): ViewSpec => ({
  name: "V",
  operator: "Process",
  port: 0,
  attributes: [{ name: "seq", type: "int64" }],
  bufferTuples: 1000,
  maximumTupleRate: 1000,
  activateOption: "automatic",
  ...over,
});
const seqs = (v: ViewRecord, now: number) => v.items(now).map((i) => i.data["seq"]);
const tuples = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ seq: from + i, key: `k${from + i}`, hidden: "x" }));

describe("sim views: a view's window", () => {
  it("keeps the latest bufferTuples tuples, each reduced to the view's attributes and stamped with its collection time", () => {
    const v = new ViewRecord(spec({ bufferTuples: 3 }), job, 0);
    v.offer(tuples(0, 2), 1000);
    v.offer(tuples(2, 3), 1500);
    expect(seqs(v, 1600)).to.deep.equal([2, 3, 4]);
    expect(v.items(1600)[0]).to.deep.equal({ collectionTime: 1500, data: { seq: 2 } });
    expect(v.id).to.equal("7-V");
  });

  it("keeps the tuples of the last bufferSeconds, dropping older ones even when nothing new arrives", () => {
    const { bufferTuples: _, ...rest } = spec();
    const v = new ViewRecord({ ...rest, bufferSeconds: 2 }, job, 0);
    v.offer(tuples(0, 1), 1000);
    v.offer(tuples(1, 1), 2500);
    expect(seqs(v, 2900)).to.deep.equal([0, 1]);
    expect(seqs(v, 3200)).to.deep.equal([1]);
    expect(seqs(v, 4600)).to.deep.equal([]);
  });

  it("samples at most maximumTupleRate tuples in any one second of collection time", () => {
    const v = new ViewRecord(spec({ maximumTupleRate: 5 }), job, 0);
    v.offer(tuples(0, 4), 10_100);
    v.offer(tuples(4, 4), 10_900);
    v.offer(tuples(8, 4), 11_000);
    expect(seqs(v, 11_000)).to.deep.equal([0, 1, 2, 3, 4, 8, 9, 10, 11]);
  });

  it("buffers only what its filter matches", () => {
    const v = new ViewRecord(spec({ attributes: [{ name: "up", type: "boolean" }], filter: { attribute: "up", regularExpression: "^false$" } }), job, 0);
    v.offer([{ up: true }, { up: false }, { up: true }], 100);
    expect(v.items(100).map((i) => i.data)).to.deep.equal([{ up: false }]);
  });

  it("a firstAccess view buffers nothing until it is activated", () => {
    const v = new ViewRecord(spec({ activateOption: "firstAccess" }), job, 0);
    v.offer(tuples(0, 3), 100);
    expect(v.active).to.equal(false);
    expect(v.items(100)).to.deep.equal([]);
    v.activate(200);
    v.offer(tuples(3, 2), 300);
    expect(v.active).to.equal(true);
    expect(seqs(v, 300)).to.deep.equal([3, 4]);
  });
});

describe("sim views: the manifest's declarations", () => {
  const withViews = (views: unknown) => validateManifest({ ...JSON.parse(demoManifestJson()), views });
  const issues = (views: unknown): string[] => {
    const r = withViews(views);
    return r.ok ? [] : r.error.map((i) => `${i.field}: ${i.message}`);
  };
  const view = { name: "V", operator: "Process", port: 0, attributes: [{ name: "seq", type: "int64" }] };

  it("fills in the defaults: 1000 tuples, 100 a second, automatic", () => {
    const r = withViews([view]);
    expect(r.ok).to.equal(true);
    if (r.ok) expect(r.value.views).to.deep.equal([{ ...view, bufferTuples: 1000, maximumTupleRate: 100, activateOption: "automatic" }]);
  });

  it("refuses a stream the twin carries no tuples on, and names the ones it can watch", () => {
    const [problem] = issues([{ ...view, operator: "CrossDCFailover.DataSnapshotStore" }]);
    expect(problem).to.match(/^views\[0\]\.port: the twin carries no tuples on `CrossDCFailover\.DataSnapshotStore` output port 0; a view can watch `Ingest port 0`, `Process port 0`/);
  });

  it("names each wrong field", () => {
    expect(issues([{ ...view, port: 5 }])).to.deep.equal(["views[0].port: `Process` has output ports 0 to 1, found the number 5"]);
    expect(issues([{ ...view, operator: "Nope" }])).to.deep.equal(['views[0].operator: expected the name of an operator of this application, found the string "Nope"']);
    expect(issues([{ ...view, attributes: [{ name: "seq", type: "int99" }] }])).to.deep.equal(['views[0].attributes[0].type: expected an SPL type such as `int64` or `rstring`, found "int99"']);
    expect(issues([{ ...view, attributes: [] }])).to.deep.equal(["views[0].attributes: a view shows at least one attribute"]);
    expect(issues([{ ...view, bufferTuples: 10, bufferSeconds: 5 }])).to.deep.equal(["views[0].bufferSeconds: a view's window is either `bufferTuples` or `bufferSeconds`, not both"]);
    expect(issues([{ ...view, maximumTupleRate: 0 }])).to.deep.equal(["views[0].maximumTupleRate: expected a whole number of tuples a second, 1 or more, found the number 0"]);
    expect(issues([{ ...view, activateOption: "later" }])).to.deep.equal(['views[0].activateOption: expected one of automatic, firstAccess, found the string "later"']);
    expect(issues([{ ...view, filter: { attribute: "key", regularExpression: "a" } }])).to.deep.equal(['views[0].filter.attribute: expected one of the view\'s attributes, found the string "key"']);
    expect(issues([{ ...view, filter: { attribute: "seq", regularExpression: "(" } }])[0]).to.match(/^views\[0\]\.filter\.regularExpression: not a regular expression/);
    expect(issues([view, view])).to.deep.equal(["views[1].name: the view name `V` is used twice; names are unique within an application"]);
    expect(issues([{ ...view, bufferTuple: 3 }])).to.deep.equal(["views[0].bufferTuple: unknown field; did you mean `bufferTuples`?"]);
  });
});
