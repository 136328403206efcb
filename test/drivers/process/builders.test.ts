import { expect } from "chai";
import { killPes, locatePes, pausePes } from "../../../src/drivers/process/index.js";
import { faultHost } from "../fault-hosts.js";

const a = faultHost("dc1-a", "10.1.0.11");
const b = faultHost("dc1-b", "10.1.0.12", { user: "root" });
const targets = [
  { host: a, pid: 4100, pe: "PE 7" },
  { host: b, pid: 5200, pe: "PE 8" },
  { host: a, pid: 4101, pe: "PE 9" },
];

describe("process fault builders", () => {
  it("kill: one kill per host with the signal, checked by the pids vanishing, nothing to undo", () => {
    const plan = killPes({ run: "r1", id: "f2", targets, signal: "KILL" });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.summary).to.equal("kill -KILL PE 7, PE 9 on dc1-a; PE 8 on dc1-b");
    expect(plan.value.apply).to.deep.equal([
      { via: "ssh", host: "dc1-a", line: "sudo -n kill -s KILL 4100 4101" },
      { via: "ssh", host: "dc1-b", line: "kill -s KILL 5200" },
    ]);
    expect(plan.value.verify.map((c) => [c.probe, c.expect])).to.deep.equal([
      [{ via: "ssh", host: "dc1-a", line: "sudo -n ps -o pid= -p 4100,4101" }, { exit: [0, 1], pattern: "\\d", min: 0, max: 0 }],
      [{ via: "ssh", host: "dc1-b", line: "ps -o pid= -p 5200" }, { exit: [0, 1], pattern: "\\d", min: 0, max: 0 }],
    ]);
    expect(plan.value.undo).to.deep.equal([]);
    expect(plan.value.verifyUndone).to.deep.equal([]);
  });

  it("pause: STOP, checked by state T; the undo is CONT, checked by no T left", () => {
    const plan = pausePes({ run: "r1", id: "f3", targets: targets.slice(0, 1) });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.apply).to.deep.equal([{ via: "ssh", host: "dc1-a", line: "sudo -n kill -s STOP 4100" }]);
    expect(plan.value.undo).to.deep.equal([{ via: "ssh", host: "dc1-a", line: "sudo -n kill -s CONT 4100" }]);
    expect(plan.value.verify[0]).to.deep.equal({
      what: "dc1-a shows pid 4100 stopped",
      probe: { via: "ssh", host: "dc1-a", line: "sudo -n ps -o stat= -p 4100" },
      expect: { exit: [0], pattern: "^\\s*T", min: 1, max: 1 },
    });
    expect(plan.value.verifyUndone[0]!.expect).to.deep.equal({ exit: [0, 1], pattern: "^\\s*T", min: 0, max: 0 });
  });

  it("refuses a PE without a process and a signal it does not know", () => {
    expect(killPes({ run: "r1", id: "f2", targets: [{ host: a, pid: 0, pe: "PE 7" }], signal: "KILL" })).to.deep.include({ ok: false });
    expect(killPes({ run: "r1", id: "f2", targets, signal: "STOP" as never })).to.deep.include({ ok: false });
    expect(pausePes({ run: "r1", id: "f2", targets: [] })).to.deep.include({ ok: false });
  });

  it("finds each PE's process by the host address and pid the REST API reports", () => {
    expect(locatePes([{ id: "7", status: "running", processId: "4100", ipAddress: "10.1.0.11" }], [a, b])).to.deep.equal({ ok: true, value: [{ host: a, pid: 4100, pe: "PE 7" }] });
    expect(locatePes([{ id: "7", status: "stopped", processId: "", ipAddress: "10.1.0.11" }], [a, b])).to.deep.equal({ ok: false, error: { code: "fault-input", message: "PE 7 has no process (status stopped)" } });
    expect(locatePes([{ id: "7", status: "running", processId: "4100", ipAddress: "10.5.0.1" }], [a, b])).to.deep.equal({ ok: false, error: { code: "fault-input", message: "PE 7 runs on 10.5.0.1, which the environment does not list" } });
  });
});
