import { expect } from "chai";
import { countFailovers, type Watched } from "../../../src/runtime/live/failover-count.js";
import type { Unobserved } from "../../../src/runtime/sightings.js";
import type { AppRef } from "../../../src/runtime/value.js";

const app = { kind: "app", name: "A", sinks: ["Out"] } as unknown as AppRef;
const watched = (o: Partial<Watched> & { blind?: Readonly<Record<string, Unobserved[]>> } = {}): Watched => ({
  submittedAtMs: 1_000,
  sinceMs: 1_200,
  failovers: [],
  dcs: ["dc1", "dc2"],
  unobserved: (dc, fromMs, toMs, graceMs) =>
    (o.blind?.[dc] ?? []).map((u) => ({ ...u, fromMs: Math.max(u.fromMs, fromMs), toMs: Math.min(u.toMs, toMs) })).filter((u) => u.toMs - u.fromMs > graceMs),
  ...o,
});
const POLL = 100;

describe("failovers(…): counting what the failover observer saw", () => {
  it("counts the failovers taken over in the window, to and from the datacenters asked about", () => {
    const w = watched({ failovers: [{ from: "dc1", to: "dc2", takeoverAtMs: 5_000 }, { from: "dc2", to: "dc1", takeoverAtMs: 9_000 }] });
    expect(countFailovers(w, { app, fromMs: 0, toMs: 10_000 }, POLL)).to.deep.equal({ kind: "value", value: 2 });
    expect(countFailovers(w, { app, fromMs: 0, toMs: 10_000, to: "dc2" }, POLL)).to.deep.equal({ kind: "value", value: 1 });
    expect(countFailovers(w, { app, fromMs: 0, toMs: 10_000, from: "dc2" }, POLL)).to.deep.equal({ kind: "value", value: 1 });
    expect(countFailovers(w, { app, fromMs: 6_000, toMs: 10_000, to: "dc2" }, POLL)).to.deep.equal({ kind: "value", value: 0 });
  });

  it("is no data, never 0, when nothing watched the application", () => {
    const r = countFailovers(undefined, { app, fromMs: 0, toMs: 10_000 }, POLL);
    expect(r.kind).to.equal("no-data");
  });

  it("is no data when the observer began after the window, or long after the submission", () => {
    expect(countFailovers(watched({ sinceMs: 11_000 }), { app, fromMs: 0, toMs: 10_000 }, POLL).kind).to.equal("no-data");
    const late = countFailovers(watched({ sinceMs: 8_000 }), { app, fromMs: 0, toMs: 10_000 }, POLL);
    expect(late.kind).to.equal("no-data");
    expect(late.kind === "no-data" && late.reason).to.contain("not watching A's roles yet");
    // A second after the submission is the grace of five polls (at least 1 s): watched.
    expect(countFailovers(watched({ sinceMs: 2_000 }), { app, fromMs: 0, toMs: 10_000 }, POLL)).to.deep.equal({ kind: "value", value: 0 });
  });

  it("still counts a failover it saw when it started late: one seen is one that happened", () => {
    const w = watched({ sinceMs: 8_000, failovers: [{ from: "dc1", to: "dc2", takeoverAtMs: 9_000 }] });
    expect(countFailovers(w, { app, fromMs: 0, toMs: 10_000 }, POLL)).to.deep.equal({ kind: "value", value: 1 });
  });

  it("is no data when a datacenter that could take over was out of sight for more than a tenth of the window", () => {
    const blind = { dc2: [{ fromMs: 3_000, toMs: 5_000, why: "dc2: GET /jobs timed out" }] };
    const r = countFailovers(watched({ blind }), { app, fromMs: 0, toMs: 10_000 }, POLL);
    expect(r.kind).to.equal("no-data");
    expect(r.kind === "no-data" && r.reason).to.contain("dc2: GET /jobs timed out");
    // …but not when asking only about failovers to the other one, which was watched.
    expect(countFailovers(watched({ blind }), { app, fromMs: 0, toMs: 10_000, to: "dc1" }, POLL)).to.deep.equal({ kind: "value", value: 0 });
    // Blips under the grace are the resolution of polling, not blindness.
    const blips = { dc2: [{ fromMs: 3_000, toMs: 3_800, why: "reset" }] };
    expect(countFailovers(watched({ blind: blips }), { app, fromMs: 0, toMs: 10_000 }, POLL)).to.deep.equal({ kind: "value", value: 0 });
  });
});
