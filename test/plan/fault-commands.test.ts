import { expect } from "chai";
import { BUILTINS } from "../../src/builtins/index.js";
import { twinLayout } from "../../src/cli/plan-twin.js";
import { SIM } from "../../src/language/environment.js";
import type { EnvironmentInfo } from "../../src/language/program.js";
import type { QuantityUnit } from "../../src/language/values.js";
import { plannedFault } from "../../src/plan/fault-commands.js";
import { targetFor, type PlanTarget } from "../../src/plan/target.js";
import type { AppRef, RuntimeValue } from "../../src/runtime/value.js";
import { hostAddress } from "../../src/sim/dc/ipc.js";

const dc = (name: string): RuntimeValue => ({ kind: "ref", what: "dc", name });
const app: AppRef = { kind: "app", name: "Demo", bundle: "demo.sab", bundlePath: "/x/demo.sab", sources: ["Ingest"], sinks: ["Out"] };
const pe = (operator: string, on: string): RuntimeValue => ({ kind: "pe", app, operator, dc: on });
const args = (o: Record<string, RuntimeValue>) => new Map(Object.entries(o));

const lab: EnvironmentInfo = {
  name: "lab",
  dcs: [
    { name: "dc1", streams: "https://dc1.example:8443/streams/rest", instance: "I1", password: { secret: "DC1_PW" }, hosts: [{ name: "a1", address: "10.0.1.1", ssh: "ops@10.0.1.1:2222" }, { name: "a2", address: "10.0.1.2" }] },
    { name: "dc2", streams: "https://10.0.2.1:8443/streams/rest", instance: "I2", hosts: [{ name: "b1", address: "10.0.2.1" }] },
    { name: "dc3", streams: "https://dc3.example/streams/rest", instance: "I3", hosts: [] },
  ],
};
const own: PlanTarget = targetFor({ environment: lab }, { twin: twinLayout });
const twin: PlanTarget = targetFor({ environment: SIM }, { twin: twinLayout });

const planned = (target: PlanTarget, builtin: string, a: Record<string, RuntimeValue>) => {
  const r = plannedFault(target, "f1", builtin, args(a));
  if (!r.ok) expect.fail(`${builtin}: ${r.error.message}`);
  return r.value;
};

describe("plan: the commands of each fault", () => {
  it("builds every fault of the registry from its entry's plan, a plan of its own kind with commands", () => {
    const q = (unit: QuantityUnit, value: number): RuntimeValue => ({ kind: "quantity", unit, value });
    const host: RuntimeValue = { kind: "host", name: "a1", address: "10.0.1.1" };
    const example: Record<string, Record<string, RuntimeValue>> = {
      partition: { a: dc("dc1"), b: dc("dc2") },
      isolate: { dc: dc("dc1") },
      packet_loss: { a: dc("dc1"), b: dc("dc2"), rate: q("Percent", 5) },
      latency: { a: dc("dc1"), b: dc("dc2"), delay: q("Duration", 200), jitter: q("Duration", 0) },
      bandwidth: { a: dc("dc1"), b: dc("dc2"), limit: q("Bytes", 1e6) },
      kill: { target: host },
      pause: { target: host },
      stress_cpu: { host, workers: q("Number", 1), load: q("Percent", 100) },
      stress_memory: { host, size: q("Bytes", 1e9) },
      stress_disk: { host, size: q("Bytes", 1e9) },
      cancel_job: { app, on: dc("dc1") },
      stop_pe: { pe: pe("Ingest", "dc1") },
      stop_instance: { dc: dc("dc1") },
    };
    const faults = BUILTINS.filter((b) => b.fault);
    expect(faults.map((b) => b.name).sort()).to.deep.equal(Object.keys(example).sort(), "a new fault needs an example here");
    for (const { name } of faults) {
      const p = planned(name === "isolate" ? twin : own, name, example[name]!); // lab's dc3 has no hosts to isolate dc1 from
      expect(p.plan.kind, name).to.equal(name);
      expect(p.commands, name).to.not.be.empty;
    }
    expect(plannedFault(own, "f1", "inject", args({})).ok).to.equal(false);
  });

  it("cuts a link on one side's hosts, with the other side's addresses, keeping xdc's SSH and the REST API a host serves", () => {
    const p = planned(own, "partition", { a: dc("dc2"), b: dc("dc1") });
    expect(p.plan.summary).to.equal("partition dc2 <-> dc1 on b1");
    const [apply] = p.commands;
    expect(apply).to.match(/^b1: iptables -w -I INPUT 1 -s <address of xdc as b1 sees it> -p tcp --dport 22 /);
    // dc2's REST API is served from b1's address: its port stays open too.
    expect(apply).to.include("--dport 8443");
    expect(apply).to.include("-s 10.0.1.1 -m comment --comment xdc.<run>.f1 -j DROP");
    expect(apply).to.include("-d 10.0.1.2 -m comment --comment xdc.<run>.f1 -j DROP");
    expect(p.undo).to.have.length(1);
    expect(p.undo[0]).to.match(/^b1: iptables -w -D INPUT -s 10\.0\.1\.1 /);
  });

  it("logs in as the environment says: sudo for a user other than root, the SSH port it names", () => {
    const p = planned(own, "partition", { a: dc("dc1"), b: dc("dc2") });
    expect(p.commands.map((c) => c.split(":")[0])).to.deep.equal(["a1", "a2"]);
    expect(p.commands[0]).to.match(/^a1: sudo -n iptables .* --dport 2222 /);
    expect(p.commands[1]).to.match(/^a2: iptables .* --dport 22 /);
  });

  it("on the twin, uses its host names and loopback addresses, and marks its ports as known only live", () => {
    const p = planned(twin, "partition", { a: dc("dc1"), b: dc("dc2") });
    expect(Object.keys(p.plan.hosts)).to.deep.equal(["dc1-h1", "dc1-h2", "dc1-h3"]);
    expect(p.commands[0]).to.include(`-s ${hostAddress(2, 1)} -m comment`);
    expect(p.commands[0]).to.include("--dport <SSH port of dc1-h1>");
    expect(p.commands[0]).to.match(/^dc1-h1: sudo -n /);
  });

  it("isolates a datacenter from every other one", () => {
    const p = planned(twin, "isolate", { dc: dc("dc2") });
    expect(p.plan.summary).to.equal("isolate dc2 from dc1 on dc2-h1, dc2-h2, dc2-h3");
    expect(p.commands[0]).to.include(`-d ${hostAddress(1, 3)} -m comment`);
    // Every other datacenter needs hosts to be cut off from, as in a live run.
    const r = plannedFault(own, "f1", "isolate", args({ dc: dc("dc2") }));
    expect(!r.ok && r.error.message).to.match(/no hosts for dc3/);
  });

  it("shapes both ends of a link, the qdisc handle known only live", () => {
    const p = planned(own, "latency", { a: dc("dc1"), b: dc("dc2"), delay: { kind: "quantity", unit: "Duration", value: 200 }, jitter: { kind: "quantity", unit: "Duration", value: 20 } });
    expect(p.commands).to.deep.equal([
      "a1: sudo -n tc qdisc add dev eth0 root handle <handle of f1>: netem delay 200ms 20ms",
      "a2: tc qdisc add dev eth0 root handle <handle of f1>: netem delay 200ms 20ms",
      "b1: tc qdisc add dev eth0 root handle <handle of f1>: netem delay 200ms 20ms",
    ]);
    expect(p.undo[2]).to.equal("b1: tc qdisc del dev eth0 root handle <handle of f1>:");
  });

  it("kills a PE by a pid the live run looks up, on a host it looks up", () => {
    const p = planned(twin, "kill", { target: pe("Ingest", "dc1"), signal: { kind: "string", value: "KILL" } });
    expect(p.commands).to.deep.equal(["<host of the PE running Ingest in dc1>: sudo -n kill -s KILL <pid of the PE running Ingest>"]);
    expect(p.undo).to.deep.equal([]);
  });

  it("pauses every PE on a named host, and continues them on undo", () => {
    const p = planned(own, "pause", { target: { kind: "host", name: "a2" } });
    expect(p.commands).to.deep.equal(["a2: kill -s STOP <pids of the PEs on a2>"]);
    expect(p.undo).to.deep.equal(["a2: kill -s CONT <pids of the PEs on a2>"]);
  });

  it("loads a host with a bounded stress-ng, found by address as well as by name", () => {
    const p = planned(own, "stress_cpu", { host: { kind: "host", name: "whatever", address: "10.0.1.1" }, workers: { kind: "quantity", unit: "Number", value: 2 }, load: { kind: "quantity", unit: "Percent", value: 80 } });
    expect(p.commands).to.deep.equal(["a1: nohup stress-ng --cpu 2 --cpu-load 80 --timeout 3600s -q >/dev/null 2>&1 & echo $!"]);
    expect(p.undo[0]).to.match(/^a1: pkill -TERM -f -x /);
  });

  it("calls a datacenter's REST API for API faults, with ids the live run looks up", () => {
    expect(planned(own, "cancel_job", { app, on: dc("dc1") }).commands).to.deep.equal(["dc1 REST: cancelJob jobId=<id of the job of Demo in dc1>"]);
    const stop = planned(twin, "stop_pe", { pe: pe("Ingest", "dc2") });
    expect([...stop.commands, ...stop.undo]).to.deep.equal(["dc2 REST: stopPe peId=<id of the PE running Ingest>", "dc2 REST: restartPe peId=<id of the PE running Ingest>"]);
    expect(planned(own, "stop_instance", { dc: dc("dc3") }).undo).to.deep.equal(["dc3 REST: startInstance"]);
  });

  it("fails as a live run would where the environment cannot carry the fault", () => {
    const noHosts = plannedFault(own, "f1", "partition", args({ a: dc("dc3"), b: dc("dc1") }));
    expect(!noHosts.ok && noHosts.error).to.deep.equal({ class: "environment", message: "the environment lists no hosts for dc3: faults on the network and on processes need them" });
    const unknownHost = plannedFault(own, "f1", "stress_memory", args({ host: { kind: "host", name: "zz" }, size: { kind: "quantity", unit: "Bytes", value: 1e9 } }));
    expect(!unknownHost.ok && unknownHost.error.message).to.equal("the environment lists no host zz");
    const tooLossy = plannedFault(own, "f1", "packet_loss", args({ a: dc("dc1"), b: dc("dc2"), rate: { kind: "quantity", unit: "Percent", value: 150 } }));
    expect(!tooLossy.ok && tooLossy.error.class).to.equal("fault-injection");
  });
});
