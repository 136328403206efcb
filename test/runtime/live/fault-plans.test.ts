import { expect } from "chai";
import { ok } from "../../../src/drivers/result.js";
import type { FaultHost } from "../../../src/drivers/faults/types.js";
import type { LiveDrivers } from "../../../src/runtime/live/drivers.js";
import { liveFaultPlan } from "../../../src/runtime/live/fault-plans.js";
import type { Jobs } from "../../../src/runtime/live/jobs.js";

const host = (dc: string, n: number): FaultHost => ({ ssh: { name: `${dc}-h${n}`, address: `127.0.${dc === "dc1" ? 1 : 2}.${n}`, port: 22, user: "root" }, address: `127.0.${dc === "dc1" ? 1 : 2}.${n}`, sudo: false, device: "eth0" });

/** A live run's drivers with two datacenters, whose SSH answers at once: what a fault's plan looks up, without a deployment. */
function drivers(): LiveDrivers {
  const dc = (name: string) => ({ name, streams: `http://127.0.0.${name === "dc1" ? 11 : 12}:8443/`, instance: "i", user: "u", password: "", passwordEnv: "P", hosts: [host(name, 1), host(name, 2)] });
  const ssh = {
    session: async () => ok({ hostKey: "ssh-ed25519 AAAA", localAddress: "127.0.0.1" }),
    exec: async () => ok({ stdout: "127.0.0.1 40000 127.0.1.1 22\n", stderr: "", code: 0 }),
  };
  return { env: { name: "lab", dcs: [dc("dc1"), dc("dc2")] }, run: "r1", ssh } as unknown as LiveDrivers;
}

describe("live: fault plans through the plan's builders", () => {
  it("isolates a datacenter as `isolate` even when it has a single peer, cutting it from every other one", async () => {
    const plan = await liveFaultPlan({ d: drivers(), jobs: {} as Jobs, id: "f1", builtin: "isolate", args: new Map([["dc", { kind: "ref", what: "dc", name: "dc1" }]]), signal: new AbortController().signal });
    if (!plan.ok) expect.fail(plan.error.message);
    expect(plan.value.kind).to.equal("isolate");
    expect(plan.value.summary).to.equal("isolate dc1 from dc2 on dc1-h1, dc1-h2");
    expect(plan.value.apply.map((a) => (a.via === "ssh" ? a.line : "")).join("\n")).to.include("-s 127.0.2.2 -m comment --comment xdc.r1.f1 -j DROP");
  });

  it("partitions a link as `partition`, with the host keys it pinned", async () => {
    const plan = await liveFaultPlan({ d: drivers(), jobs: {} as Jobs, id: "f2", builtin: "partition", args: new Map([["a", { kind: "ref", what: "dc", name: "dc2" }], ["b", { kind: "ref", what: "dc", name: "dc1" }]]), signal: new AbortController().signal });
    if (!plan.ok) expect.fail(plan.error.message);
    expect(plan.value.kind).to.equal("partition");
    expect(Object.values(plan.value.hosts).map((h) => h.hostKeys)).to.deep.equal([["ssh-ed25519 AAAA"], ["ssh-ed25519 AAAA"]]);
  });
});
