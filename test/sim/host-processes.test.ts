import { expect } from "chai";
import { makeHost, pe, T0 } from "./host-fixture.js";

/** Two PEs (pids 1000 and 1001) of streamsadmin and a root-owned daemon (1002). */
const withPes = () =>
  makeHost({
    processes: [
      pe("-pe 7 -job 3"),
      pe("-pe 8 -job 3", T0 - 120_000),
      { ppid: 1, user: "root", command: "/usr/sbin/sshd", args: "-D", state: "running", startedAt: T0 - 3_600_000 },
    ],
  });

const stat = async (run: (l: string) => Promise<{ stdout: string }>, pid: number) => (await run(`ps -o stat= -p ${pid}`)).stdout.trim();

describe("sim host: processes", () => {
  it("stops and continues a process, and KILL removes it", async () => {
    const { run, table } = withPes();
    expect(await run("kill -STOP 1000")).to.deep.equal({ code: 0, stdout: "", stderr: "" });
    expect(await run("ps -o pid,stat,args -p 1000")).to.deep.equal({
      code: 0,
      stdout: "  PID STAT COMMAND\n 1000 T    /opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec -pe 7 -job 3\n",
      stderr: "",
    });
    expect(table.list().find((p) => p.pid === 1000)?.state).to.equal("stopped");
    await run("kill -s CONT 1000");
    expect(await stat(run, 1000)).to.equal("S");
    await run("kill -9 1000");
    expect(table.list().map((p) => p.pid)).to.deep.equal([1001, 1002]);
    expect(await run("ps -p 1000")).to.deep.equal({ code: 1, stdout: "  PID TTY          TIME CMD\n", stderr: "" });
  });

  it("reads every spelling of a signal", async () => {
    const { run, events } = withPes();
    for (const spec of ["-19", "-SIGSTOP", "-s STOP", "-s sigstop", "-n 19", "-STOP"]) {
      await run(`kill ${spec} 1001`);
      await run("kill -18 1001");
    }
    expect(events.map((e) => (e.kind === "signal.sent" ? e.signal : e.kind))).to.deep.equal(Array.from({ length: 6 }, () => ["STOP", "CONT"]).flat());
    await run("kill 1001");
    const last = events.at(-1)!;
    expect(last).to.deep.equal({
      kind: "signal.sent",
      host: "dc1-a",
      time: T0,
      user: "root",
      pid: 1001,
      signal: "TERM",
      command: "/opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec -pe 8 -job 3",
    });
  });

  it("words kill's failures as bash does, or as procps' kill under sudo", async () => {
    const { run } = withPes();
    expect(await run("kill -9 99999")).to.deep.equal({ code: 1, stdout: "", stderr: "bash: line 1: kill: (99999) - No such process\n" });
    expect(await run("kill -FOO 1000")).to.deep.equal({ code: 1, stdout: "", stderr: "bash: line 1: kill: FOO: invalid signal specification\n" });
    expect(await run("kill abc")).to.deep.equal({ code: 1, stdout: "", stderr: "bash: line 1: kill: abc: arguments must be process or job IDs\n" });
    expect(await run("kill")).to.deep.equal({ code: 2, stdout: "", stderr: "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n" });
    expect(await run("sudo kill -9 99999", "streamsadmin")).to.deep.equal({ code: 1, stdout: "", stderr: "kill: (99999): No such process\n" });
    expect(await run("/usr/bin/kill -9 99999")).to.deep.equal({ code: 1, stdout: "", stderr: "/usr/bin/kill: (99999): No such process\n" });
    expect(await run("sh -c 'kill -9 99999'")).to.deep.equal({ code: 1, stdout: "", stderr: "sh: 1: kill: No such process\n\n" });
  });

  it("lets users signal only their own processes", async () => {
    const { run, table } = withPes();
    expect(await run("kill -9 1002", "streamsadmin")).to.deep.equal({ code: 1, stdout: "", stderr: "bash: line 1: kill: (1002) - Operation not permitted\n" });
    expect(await run("kill -STOP 1000", "streamsadmin")).to.deep.equal({ code: 0, stdout: "", stderr: "" });
    expect(await run("sudo kill -9 1002", "streamsadmin")).to.deep.equal({ code: 0, stdout: "", stderr: "" });
    expect(table.list().map((p) => [p.pid, p.state])).to.deep.equal([[1000, "stopped"], [1001, "running"]]);
  });

  it("passes on the process table's refusal", async () => {
    const { run } = makeHost({ processes: [pe("-pe 1")], protect: [1000] });
    expect(await run("kill -9 1000")).to.deep.equal({ code: 1, stdout: "", stderr: "bash: line 1: kill: (1000) - Operation not permitted\n" });
  });

  it("lists and converts signal names", async () => {
    const { run } = makeHost();
    const table = (await run("kill -l")).stdout.split("\n");
    expect(table[0]).to.equal(" 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP");
    expect(table[12]).to.equal("63) SIGRTMAX-1\t64) SIGRTMAX\t");
    expect((await run("kill -l 9; kill -l KILL; kill -l 137")).stdout).to.equal("KILL\n9\nKILL\n");
    expect((await run("/bin/kill -l")).stdout).to.equal(
      "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n",
    );
  });

  it("finds processes with pgrep by name or by command line", async () => {
    const { run } = withPes();
    expect(await run("pgrep streams-pec")).to.deep.equal({ code: 0, stdout: "1000\n1001\n", stderr: "" });
    expect((await run("pgrep -f 'pe 8'")).stdout).to.equal("1001\n");
    expect((await run("pgrep -l sshd")).stdout).to.equal("1002 sshd\n");
    expect((await run("pgrep -a -u streamsadmin -n streams")).stdout).to.equal("1001 /opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec -pe 8 -job 3\n");
    expect((await run("pgrep -x streams")).code).to.equal(1);
    expect((await run("pgrep -c streams")).stdout).to.equal("2\n");
    expect(await run("pgrep")).to.deep.equal({ code: 2, stdout: "", stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n" });
    expect(await run("pgrep 'x('")).to.deep.equal({ code: 2, stdout: "", stderr: "pgrep: regex error: Unmatched ( or \\(\n" });
  });

  it("signals every match with pkill, TERM unless told otherwise", async () => {
    const { run, events, table } = withPes();
    expect(await run("pkill -STOP -f 'job 3'")).to.deep.equal({ code: 0, stdout: "", stderr: "" });
    expect(table.list().map((p) => p.state)).to.deep.equal(["stopped", "stopped", "running"]);
    expect(await run("pkill -e streams-pec")).to.deep.equal({ code: 0, stdout: "streams-pec killed (pid 1000)\nstreams-pec killed (pid 1001)\n", stderr: "" });
    expect(events.map((e) => (e.kind === "signal.sent" ? `${e.signal} ${e.pid}` : e.kind))).to.deep.equal(["STOP 1000", "STOP 1001", "TERM 1000", "TERM 1001"]);
    expect(await run("pkill nomatch")).to.deep.equal({ code: 1, stdout: "", stderr: "" });
    expect(await run("pkill -9 sshd", "streamsadmin")).to.deep.equal({ code: 1, stdout: "", stderr: "pkill: killing pid 1002 failed: Operation not permitted\n" });
  });

  it("prints ps -e, ps -ef and ps aux in procps' columns", async () => {
    const { run } = withPes();
    expect((await run("ps -e")).stdout).to.equal(
      "  PID TTY          TIME CMD\n 1000 ?        00:00:00 streams-pec\n 1001 ?        00:00:00 streams-pec\n 1002 ?        00:00:00 sshd\n",
    );
    expect((await run("ps -ef")).stdout).to.equal(
      "UID        PID  PPID  C STIME TTY          TIME CMD\n" +
        "streams+  1000     1  0 09:50 ?        00:00:00 /opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec -pe 7 -job 3\n" +
        "streams+  1001     1  0 09:58 ?        00:00:00 /opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec -pe 8 -job 3\n" +
        "root      1002     1  0 09:00 ?        00:00:00 /usr/sbin/sshd -D\n",
    );
    expect((await run("ps aux")).stdout.split("\n").slice(0, 2)).to.deep.equal([
      "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
      "streams+  1000  0.0  0.0      0     0 ?        S    09:50   0:00 /opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec -pe 7 -job 3",
    ]);
    expect((await run("ps -o pid=,etime= -p 1000,1001")).stdout).to.equal(" 1000       10:00\n 1001       02:00\n");
    expect((await run("ps -u root -o pid,user,comm")).stdout).to.equal("  PID USER     COMMAND\n 1002 root     sshd\n");
    expect(await run("ps -Q")).to.include({ code: 1 });
  });
});
