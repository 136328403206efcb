import { expect } from "chai";
import { makeHost, T0 } from "./host-fixture.js";

const GiB = 1024 ** 3;
const IDLE = { cpuWorkers: 0, cpuFactor: 1, memoryBytes: 0, diskBytes: 0 };
const BACKGROUND = "nohup stress-ng --cpu 2 --vm 1 --vm-bytes 1g --timeout 60s >/dev/null 2>&1 & echo $!";

/** Whether a promise has settled by the time the queued callbacks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("sim host: stress-ng", () => {
  it("runs in the background with nohup, shows in load() and ps, and ends at its timeout", async () => {
    const { run, host, clock, events, next } = makeHost();
    expect(await run(BACKGROUND)).to.deep.equal({ code: 0, stdout: "1000\n", stderr: "" });
    expect(host.load()).to.deep.equal({ cpuWorkers: 2, cpuFactor: 4 / 6, memoryBytes: GiB, diskBytes: 0 });
    expect((await run("ps -o pid,ppid,stat,args")).stdout).to.equal(
      "  PID  PPID STAT COMMAND\n" +
        " 1000     1 S    stress-ng --cpu 2 --vm 1 --vm-bytes 1g --timeout 60s\n" +
        " 1001  1000 R    stress-ng-cpu [run]\n" +
        " 1002  1000 R    stress-ng-cpu [run]\n" +
        " 1003  1000 R    stress-ng-vm [run]\n",
    );
    expect(events[0]).to.deep.equal({
      kind: "stress.started",
      host: "dc1-a",
      time: T0,
      user: "root",
      pid: 1000,
      command: "stress-ng --cpu 2 --vm 1 --vm-bytes 1g --timeout 60s",
      cpuWorkers: 2,
      vmBytes: GiB,
      hddBytes: 0,
      timeoutMs: 60_000,
    });
    const ended = next("stress.ended");
    clock.advance(59_999);
    expect(host.load().cpuWorkers).to.equal(2);
    clock.advance(1);
    expect(await ended).to.deep.equal({ kind: "stress.ended", host: "dc1-a", time: T0 + 60_000, pid: 1000, reason: "timeout" });
    expect(host.load()).to.deep.equal(IDLE);
    expect(host.processes()).to.deep.equal([]);
  });

  it("stops early when pkill stress-ng signals it", async () => {
    const { run, host, events } = makeHost();
    await run(BACKGROUND);
    expect(await run("pkill stress-ng")).to.deep.equal({ code: 0, stdout: "", stderr: "" });
    expect(host.load()).to.deep.equal(IDLE);
    expect(events.filter((e) => e.kind === "stress.ended")).to.deep.equal([{ kind: "stress.ended", host: "dc1-a", time: T0, pid: 1000, reason: "signal" }]);
  });

  it("holds the session open while a background stress-ng still writes to it", async () => {
    const { run, clock, next } = makeHost();
    const started = next("stress.started");
    const session = run("stress-ng --cpu 1 --timeout 10 & echo started");
    await started;
    expect(await settled(session)).to.equal(false);
    clock.advance(10_000);
    expect(await session).to.deep.equal({
      code: 0,
      stdout: "started\n",
      stderr:
        "stress-ng: info:  [1000] setting to a 10 second run per stressor\n" +
        "stress-ng: info:  [1000] dispatching hogs: 1 cpu\n" +
        "stress-ng: info:  [1000] successful run completed in 10.00s\n",
    });
  });

  it("runs in the foreground until its timeout", async () => {
    const { run, clock, next } = makeHost();
    const started = next("stress.started");
    const session = run("stress-ng --hdd 1 --hdd-bytes 10g --timeout 2m && echo done");
    await started;
    clock.advance(120_000);
    expect(await session).to.deep.equal({
      code: 0,
      stdout: "done\n",
      stderr:
        "stress-ng: info:  [1000] setting to a 120 second (2 mins, 0.00 secs) run per stressor\n" +
        "stress-ng: info:  [1000] dispatching hogs: 1 hdd\n" +
        "stress-ng: info:  [1000] successful run completed in 120.00s\n",
    });
  });

  it("counts workers by kind and by --cpu-load, memory by --vm-bytes, disk by --hdd-bytes", async () => {
    const cases: readonly [string, object][] = [
      ["--cpu 0 --timeout 1m", { cpuWorkers: 4, cpuFactor: 0.5, memoryBytes: 0, diskBytes: 0 }],
      ["--cpu 2 --cpu-load 50 --timeout 1m", { cpuWorkers: 1, cpuFactor: 0.8, memoryBytes: 0, diskBytes: 0 }],
      ["--vm 2 --vm-bytes 50% --timeout 1m", { cpuWorkers: 0, cpuFactor: 1, memoryBytes: 4 * GiB, diskBytes: 0 }],
      ["--vm 2 --vm-bytes 512M --timeout 1m", { cpuWorkers: 0, cpuFactor: 1, memoryBytes: GiB, diskBytes: 0 }],
      ["-c 1 -d 2 --hdd-bytes 10g -t 1m", { cpuWorkers: 1, cpuFactor: 0.8, memoryBytes: 0, diskBytes: 20 * GiB }],
    ];
    for (const [args, load] of cases) {
      const { run, host } = makeHost();
      expect((await run(`stress-ng ${args} >/dev/null 2>&1 &`)).code, args).to.equal(0);
      expect(host.load(), args).to.deep.equal(load);
    }
  });

  it("leaves a stopped worker's CPU to the PEs", async () => {
    const { run, host } = makeHost();
    await run(BACKGROUND);
    await run("kill -STOP 1001");
    expect(host.load()).to.deep.equal({ cpuWorkers: 1, cpuFactor: 0.8, memoryBytes: GiB, diskBytes: 0 });
    await run("kill -CONT 1001");
    expect(host.load().cpuWorkers).to.equal(2);
  });

  it("refuses a run without --timeout and bad options, as stress-ng words them", async () => {
    const { run, host } = makeHost();
    expect(await run("stress-ng --cpu 2")).to.deep.equal({
      code: 1,
      stdout: "",
      stderr:
        "stress-ng: info:  [1000] defaulting to a 86400 second (1 day, 0.00 secs) run per stressor\n" +
        "stress-ng: error: [1000] the xdc twin refuses a run without --timeout (see docs/twin-commands.md)\n",
    });
    expect(await run("stress-ng --cpu")).to.deep.equal({ code: 1, stdout: "", stderr: "stress-ng: option '--cpu' requires an argument\nTry 'stress-ng --help' for more information.\n" });
    expect(await run("stress-ng --foo 1 --timeout 1")).to.deep.equal({ code: 1, stdout: "", stderr: "stress-ng: unrecognized option '--foo'\nTry 'stress-ng --help' for more information.\n" });
    expect(await run("stress-ng --vm 1 --vm-bytes 1x --timeout 1")).to.deep.equal({ code: 1, stdout: "", stderr: "Illegal length specifier x\n" });
    expect(await run("stress-ng --cpu abc --timeout 1")).to.deep.equal({ code: 1, stdout: "", stderr: "Value abc contains non-numeric: 'abc'\n" });
    expect(host.load()).to.deep.equal(IDLE);
  });

  it("ends a foreground run killed with SIGKILL with status 137", async () => {
    const { run, next } = makeHost();
    const started = next("stress.started");
    const session = run("stress-ng -q --cpu 1 --timeout 60; echo $?");
    await started;
    await run("kill -9 1000");
    expect(await session).to.deep.equal({ code: 0, stdout: "137\n", stderr: "" });
  });

  it("runs sleep as a process a signal can end", async () => {
    const { run, clock, host } = makeHost();
    const session = run("sleep 1.5 && echo woke");
    await new Promise((resolve) => setImmediate(resolve));
    expect(host.processes().map((p) => [p.command, p.args])).to.deep.equal([["sleep", "1.5"]]);
    clock.advance(1500);
    expect(await session).to.deep.equal({ code: 0, stdout: "woke\n", stderr: "" });
    expect(await run("sleep infinity")).to.deep.equal({ code: 1, stdout: "", stderr: "sleep: the xdc twin refuses an unbounded sleep\n" });
  });
});
