import { expect } from "chai";
import type { RangeSet } from "../../../src/data/ranges.js";
import type { SendLog } from "../../../src/data/send-log.js";
import type { Exchange, InjectOptions, InjectSummary, ReadOptions, Tuple } from "../../../src/drivers/exchange/index.js";
import { realClock } from "../../../src/runtime/clock.js";
import { LiveWorkload } from "../../../src/runtime/live/injection.js";
import { SinkWatch } from "../../../src/runtime/live/sink-watch.js";
import type { EndpointRef } from "../../../src/runtime/value.js";

const TUPLES = 2_000_000;
const BATCH = 1_000;
/** The sink loses these (a failover's hole) and delivers these twice (a replay). */
const LOST = { from: 700_000, to: 700_999 };
const TWICE = { from: 1_500_000, to: 1_500_499 };

/**
 * A Data Exchange with no network: what is injected is acknowledged at once and handed to the
 * sink's reader batch by batch, less a hole and plus a duplicated run, as a sink would return it.
 */
function fakeExchange(): Exchange {
  let reader: ReadOptions | undefined;
  let attached: () => void = () => {};
  const ready = new Promise<void>((resolve) => (attached = resolve));
  const deliver = (tuples: readonly Tuple[], atMs: number) => {
    const kept = tuples.filter((t) => !((t["seq"] as number) >= LOST.from && (t["seq"] as number) <= LOST.to));
    const again = tuples.filter((t) => (t["seq"] as number) >= TWICE.from && (t["seq"] as number) <= TWICE.to);
    const ids = [...kept, ...again].flatMap((t) => reader!.identity(t) ?? []);
    reader!.recorder.received(ids, atMs);
  };
  const inject = (o: InjectOptions) => {
    const counts = { sent: 0, acked: 0, failed: 0 };
    const done = (async (): Promise<InjectSummary> => {
      await ready;
      for (let batches = 0; ; batches++) {
        const tuples: Tuple[] = [];
        const ids = [];
        while (tuples.length < BATCH) {
          const n = o.source.next();
          if (!n) break;
          tuples.push(n.tuple);
          ids.push(n.id);
        }
        if (tuples.length === 0) return { ...counts, batches, backPressureWaits: 0, errors: {}, end: "source-ended" };
        const at = batches;
        o.recorder.sent(ids, at);
        o.recorder.acked(ids, at + 0.5);
        counts.sent += ids.length;
        counts.acked += ids.length;
        deliver(tuples, at + 1);
        // let the event loop breathe, as network answers would
        if (batches % 100 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    return { stop: () => {}, progress: () => counts, done };
  };
  const read = (o: ReadOptions) => {
    reader = o;
    attached();
    const done = new Promise<never>(() => {});
    return { stop: () => {}, progress: () => ({ reads: 0, received: 0 }), done };
  };
  return { inject, read } as unknown as Exchange;
}

const app = { kind: "app" as const, name: "Demo", bundle: "demo.sab", bundlePath: "/dev/null", sources: ["Ingest"], sinks: ["Results"] };
const ingest: EndpointRef = { kind: "endpoint", app, name: "Ingest", direction: "source" };

describe("live: a long injection through the exchange keeps the tracker's memory bounded", function () {
  this.timeout(60_000);

  it("follows 2 million tuples to the sink in a few ranges and runs, and finds the hole and the duplicates exactly", async () => {
    const stopper = new AbortController();
    const exchanges = { dc1: fakeExchange() };
    const clock = realClock();
    const url = async () => "http://127.0.0.1:9/fake";
    const watch = new SinkWatch({ sink: "Results", exchanges, url, clock, pollMs: 10, signal: stopper.signal });
    const w = new LiveWorkload({ id: "w1", endpoint: ingest, ratePerSecond: TUPLES / 10, durationMs: 10_000, key: "seq", schema: {}, seed: 7 }, ["Results"], {
      exchanges,
      order: () => ["dc1"],
      url,
      clock,
      signal: stopper.signal,
    });
    const tracker = w.trackers.get("Results")!;
    watch.route("w1", w.identity, tracker);
    expect(await w.done).to.deep.equal({ sent: TUPLES });
    stopper.abort();

    const r = tracker.report();
    expect([r.sent, r.acked, r.received]).to.deep.equal([TUPLES, TUPLES, TUPLES - 1_000]);
    expect(r.lost.count).to.equal(1_000);
    expect(r.lost.ranges.map((x) => [x.from, x.to])).to.deep.equal([[LOST.from, LOST.to]]);
    expect(r.duplicates.count).to.equal(500);
    expect(r.outOfOrder.count).to.equal(0);
    expect(watch.total()).to.equal(TUPLES - 1_000 + 500);

    // Nothing per tuple: a few ranges per set, one send-time run per batch.
    const stream = (tracker as unknown as { streams: Map<string, { sent: RangeSet; acked: RangeSet; received: RangeSet; duplicated: RangeSet; log: SendLog }> })["streams"].get("")!;
    expect([stream.sent.rangeCount, stream.acked.rangeCount, stream.received.rangeCount, stream.duplicated.rangeCount]).to.deep.equal([1, 1, 2, 1]);
    expect(stream.log.runCount).to.be.at.most(TUPLES / BATCH + 1);
  });
});
