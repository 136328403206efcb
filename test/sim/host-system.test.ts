import { expect } from "chai";
import { makeHost, pe } from "./host-fixture.js";

type Step = readonly [command: string, stdout: string, stderr?: string, code?: number];

async function transcript(steps: readonly Step[], user = "root") {
  const { run } = makeHost({ processes: [pe("-pe 1")] });
  for (const [command, stdout, stderr = "", code = 0] of steps) {
    expect(await run(command, user), command).to.deep.equal({ code, stdout, stderr });
  }
}

describe("sim host: system commands and the shell", () => {
  it("describes the host as nproc, free, hostname and id do", () =>
    transcript([
      ["nproc", "4\n"],
      [
        "free -b",
        "               total        used        free      shared  buff/cache   available\n" +
          "Mem:      8589934592           0  8589934592           0           0  8589934592\n" +
          "Swap:              0           0           0\n",
      ],
      ["free -m", "               total        used        free      shared  buff/cache   available\nMem:            8192           0        8192           0           0        8192\nSwap:              0           0           0\n"],
      ["hostname; hostname -I", "dc1-a\n127.0.1.1 \n"],
      ["id -u; id -un; id", "0\nroot\nuid=0(root) gid=0(root) groups=0(root)\n"],
      ["id -u streamsadmin", "1000\n"],
      ["id -u nobody", "", "id: 'nobody': no such user\n", 1],
    ]));

  it("tells uptime and the load averages stress-ng raises", async () => {
    const { run, clock } = makeHost();
    expect((await run("uptime")).stdout).to.equal(" 10:00:00 up  1:02,  0 user,  load average: 0.00, 0.00, 0.00\n");
    await run("stress-ng --cpu 2 --vm 1 --timeout 5m >/dev/null 2>&1 &");
    clock.advance(60_000);
    expect((await run("uptime")).stdout).to.equal(" 10:01:00 up  1:03,  0 user,  load average: 1.90, 0.54, 0.19\n");
    expect((await run("uptime -p; uptime -s")).stdout).to.equal("up 1 hour, 3 minutes\n2025-01-15 08:58:00\n");
  });

  it("finds programs with which and command -v", () =>
    transcript([
      ["which iptables tc stress-ng", "/usr/sbin/iptables\n/usr/sbin/tc\n/usr/bin/stress-ng\n"],
      ["which nope", "", "", 1],
      ["command -v kill iptables nope", "kill\n/usr/sbin/iptables\n", "", 1],
      ["/sbin/iptables -V; /usr/sbin/tc -V", "iptables v1.8.9 (nf_tables)\ntc utility, iproute2-6.1.0, libbpf 1.1.2\n"],
      ["/opt/nope", "", "bash: line 1: /opt/nope: No such file or directory\n", 127],
    ]));

  it("runs lists, and-or chains, exit and $?", () =>
    transcript([
      ["nope", "", "bash: line 1: nope: command not found\n", 127],
      ["true\nnope", "", "bash: line 2: nope: command not found\n", 127],
      ["false || echo a && echo b; echo $?", "a\nb\n0\n"],
      ["false && echo never; echo $?", "1\n"],
      ["exit 3; echo never", "", "", 3],
      ["exit 300", "", "", 44],
      ["exit abc", "", "bash: line 1: exit: abc: numeric argument required\n", 2],
      ["bash -c 'exit 5'; echo $?", "5\n"],
      ["sh -c 'nope' ; echo $?", "127\n", "sh: 1: nope: not found\n"],
      ["sh -c 'echo $0 $1 $#' name one", "name one 1\n"],
    ]));

  it("expands parameters and command substitutions, and splits what is unquoted", () =>
    transcript([
      ['echo "$HOME" $USER $0', "/root root bash\n"],
      ['X="a  b"; echo $X "$X"', "a b a  b\n"],
      ['echo "[$(echo x; echo y)]" $(echo 1   2)', "[x\ny] 1 2\n"],
      ["kill -9 $(pgrep streams-pec); pgrep streams-pec || echo gone", "gone\n"],
      ["echo -n a; echo -e 'b\\tc'; echo -E 'd\\te'", "ab\tc\nd\\te\n"],
    ]));

  it("redirects output to /dev/null and between stdout and stderr", () =>
    transcript([
      ["echo out; echo err >&2", "out\n", "err\n"],
      ["echo out >/dev/null; echo err 2>/dev/null >&2", ""],
      ["nope 2>&1", "bash: line 1: nope: command not found\n", "", 127],
      ["nope &>/dev/null; echo $?", "127\n"],
      ["cat < /etc/passwd", "", "bash: line 1: /etc/passwd: No such file or directory\n", 1],
    ]));

  it("runs as root under sudo, with sudo's and nohup's own complaints", () =>
    transcript(
      [
        ["id -u; sudo id -u; sudo -n -u streamsadmin id -u", "1000\n0\n1000\n"],
        ["sudo nope", "", "sudo: nope: command not found\n", 1],
        ["nohup", "", "nohup: missing operand\nTry 'nohup --help' for more information.\n", 125],
        ["nohup nope", "", "nohup: failed to run command 'nope': No such file or directory\n", 127],
        ["sudo sh -c 'iptables -A INPUT -j DROP && iptables -S INPUT'", "-P INPUT ACCEPT\n-A INPUT -j DROP\n"],
      ],
      "streamsadmin",
    ));

  it("refuses what the twin does not simulate, saying so", async () => {
    const { run } = makeHost();
    const r = await run("ps aux | grep stress");
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal("bash: -c: line 1: `|': the xdc twin runs simple commands joined by ; && || & only (see docs/twin-commands.md)\n");
    expect((await run("iptables -t nat -S")).stderr).to.equal("iptables v1.8.9 (nf_tables): table `nat' is not simulated by the xdc twin (filter only)\n");
    expect((await run("tc qdisc add dev eth0 root htb")).stderr).to.equal("qdisc kind `htb' is not simulated by the xdc twin (see docs/twin-commands.md)\n");
  });
});
