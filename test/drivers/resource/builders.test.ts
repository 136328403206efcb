import { expect } from "chai";
import { stress } from "../../../src/drivers/resource/index.js";
import { faultHost } from "../fault-hosts.js";

const host = faultHost("dc1-a", "10.1.0.11");

describe("resource fault builders", () => {
  it("stress_cpu: stress-ng detached with its own timeout; the undo finds it by its exact command line", () => {
    const plan = stress({ run: "r1", id: "f4", host, load: { kind: "stress_cpu", workers: 2, loadPercent: 90 }, timeoutSeconds: 60 });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.summary).to.equal("load 2 CPU workers to 90% on dc1-a for at most 60 s");
    expect(plan.value.apply).to.deep.equal([{ via: "ssh", host: "dc1-a", line: "nohup stress-ng --cpu 2 --cpu-load 90 --timeout 60s -q >/dev/null 2>&1 & echo $!" }]);
    expect(plan.value.undo).to.deep.equal([{ via: "ssh", host: "dc1-a", line: "pkill -TERM -f -x 'stress-ng --cpu 2 --cpu-load 90 --timeout 60s -q'" }]);
    expect(plan.value.verify[0]).to.deep.equal({
      what: "dc1-a runs stress-ng --cpu",
      probe: { via: "ssh", host: "dc1-a", line: "pgrep -f -x 'stress-ng --cpu 2 --cpu-load 90 --timeout 60s -q'" },
      expect: { exit: [0], pattern: "^\\d+$", min: 1, max: Number.MAX_SAFE_INTEGER },
    });
    expect(plan.value.verifyUndone[0]!.expect).to.deep.equal({ exit: [0, 1], pattern: "^\\d+$", min: 0, max: 0 });
  });

  it("stress_memory and stress_disk: sizes in bytes, the disk one in the directory given (quoted, escaped in the pattern)", () => {
    const memory = stress({ run: "r1", id: "f5", host, load: { kind: "stress_memory", bytes: 2 * 1024 ** 3 }, timeoutSeconds: 30 });
    expect(memory.ok && memory.value.apply[0]).to.deep.include({ line: "nohup stress-ng --vm 1 --vm-bytes 2147483648 --timeout 30s -q >/dev/null 2>&1 & echo $!" });
    const disk = stress({ run: "r1", id: "f6", host, load: { kind: "stress_disk", bytes: 1e9, path: "/var/tmp/x y" }, timeoutSeconds: 30 });
    expect(disk.ok && disk.value.apply[0]).to.deep.include({ line: "nohup stress-ng --hdd 1 --hdd-bytes 1000000000 --temp-path '/var/tmp/x y' --timeout 30s -q >/dev/null 2>&1 & echo $!" });
    expect(disk.ok && disk.value.undo[0]).to.deep.include({ line: "pkill -TERM -f -x 'stress-ng --hdd 1 --hdd-bytes 1000000000 --temp-path /var/tmp/x y --timeout 30s -q'" });
  });

  it("refuses an unbounded or empty load", () => {
    const cases = [
      stress({ run: "r1", id: "f4", host, load: { kind: "stress_cpu", workers: 2, loadPercent: 90 }, timeoutSeconds: 0 }),
      stress({ run: "r1", id: "f4", host, load: { kind: "stress_cpu", workers: 0, loadPercent: 90 }, timeoutSeconds: 10 }),
      stress({ run: "r1", id: "f4", host, load: { kind: "stress_memory", bytes: 0 }, timeoutSeconds: 10 }),
      stress({ run: "r1", id: "f4", host, load: { kind: "stress_disk", bytes: 10, path: "tmp" }, timeoutSeconds: 10 }),
    ];
    expect(cases.map((c) => c.ok)).to.deep.equal([false, false, false, false]);
  });
});
