import { expect } from "chai";
import { makeHost } from "./host-fixture.js";

const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

/** Each step: a command, then what iptables 1.8.9 (nf_tables) printed for it on Debian 12. */
type Step = readonly [command: string, stdout: string, stderr?: string, code?: number];

async function transcript(steps: readonly Step[]) {
  const { run } = makeHost();
  for (const [command, stdout, stderr = "", code = 0] of steps) {
    expect(await run(command), command).to.deep.equal({ code, stdout, stderr });
  }
}

describe("sim host: iptables", () => {
  it("adds, lists and checks rules in the real formats", () =>
    transcript([
      ["iptables -S", "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n"],
      [`iptables -A INPUT -p tcp -s 10.0.0.0/8 --dport 80 -m comment --comment "xdc fault 1" -j DROP`, ""],
      ["iptables -A OUTPUT -d 127.0.2.1/32 -m statistic --mode random --probability 0.25 -j REJECT", ""],
      [
        "iptables -S",
        "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n" +
          '-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 80 -m comment --comment "xdc fault 1" -j DROP\n' +
          "-A OUTPUT -d 127.0.2.1/32 -m statistic --mode random --probability 0.25000000000 -j REJECT --reject-with icmp-port-unreachable\n",
      ],
      [
        "iptables -L -n -v --line-numbers",
        "Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n" +
          "num   pkts bytes target     prot opt in     out     source               destination         \n" +
          "1        0     0 DROP       6    --  *      *       10.0.0.0/8           0.0.0.0/0            tcp dpt:80 /* xdc fault 1 */\n" +
          "\n" +
          "Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n" +
          "num   pkts bytes target     prot opt in     out     source               destination         \n" +
          "\n" +
          "Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)\n" +
          "num   pkts bytes target     prot opt in     out     source               destination         \n" +
          "1        0     0 REJECT     0    --  *      *       0.0.0.0/0            127.0.2.1            statistic mode random probability 0.25000000000 reject-with icmp-port-unreachable\n",
      ],
      [
        "iptables -L",
        "Chain INPUT (policy ACCEPT)\n" +
          "target     prot opt source               destination         \n" +
          "DROP       tcp  --  10.0.0.0/8           anywhere             tcp dpt:http /* xdc fault 1 */\n" +
          "\n" +
          "Chain FORWARD (policy ACCEPT)\n" +
          "target     prot opt source               destination         \n" +
          "\n" +
          "Chain OUTPUT (policy ACCEPT)\n" +
          "target     prot opt source               destination         \n" +
          "REJECT     all  --  anywhere             127.0.2.1            statistic mode random probability 0.25000000000 reject-with icmp-port-unreachable\n",
      ],
      [`iptables -C INPUT -p tcp -s 10.0.0.0/8 --dport 80 -m comment --comment "xdc fault 1" -j DROP`, ""],
      ["iptables -C INPUT -p tcp --dport 80 -j DROP", "", "iptables: Bad rule (does a matching rule exist in that chain?).\n", 1],
      ["iptables -D INPUT -p tcp --dport 80 -j DROP", "", "iptables: Bad rule (does a matching rule exist in that chain?).\n", 1],
      ["iptables -D FORWARD 3", "", "iptables: No chain/target/match by that name.\n", 1],
      ["iptables -D INPUT 99", "", "iptables: Index of deletion too big.\n", 1],
      ["iptables -I INPUT 5 -j DROP", "", "iptables: Index of insertion too big.\n", 1],
    ]));

  it("keeps user chains, references and the refusal to delete a busy chain", () =>
    transcript([
      ["iptables -N XDC", ""],
      ["iptables -N XDC", "", "iptables: Chain already exists.\n", 1],
      ["iptables -A XDC -d 127.0.2.0/24 -j DROP", ""],
      ["iptables -A XDC -j RETURN", ""],
      ["iptables -A OUTPUT -j XDC", ""],
      ["iptables -S XDC", "-N XDC\n-A XDC -d 127.0.2.0/24 -j DROP\n-A XDC -j RETURN\n"],
      [
        "iptables -L XDC -n",
        "Chain XDC (1 references)\n" +
          "target     prot opt source               destination         \n" +
          "DROP       0    --  0.0.0.0/0            127.0.2.0/24        \n" +
          "RETURN     0    --  0.0.0.0/0            0.0.0.0/0           \n",
      ],
      ["iptables -X XDC", "", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain XDC\n", 4],
      ["iptables -F", ""],
      ["iptables -X", ""],
      ["iptables -S", "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n"],
      ["iptables -X NOPE", "", "iptables: No chain/target/match by that name.\n", 1],
      ["iptables -S NOPE", "", "iptables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible, use 'nft' tool.\n", 1],
    ]));

  it("refuses bad command lines with iptables' messages and exit codes", () =>
    transcript([
      ["iptables", "", `iptables v1.8.9 (nf_tables): no command specified\n${TRY}`, 2],
      ["iptables -A INPUT -j NOPE", "", `iptables v1.8.9 (nf_tables): Chain 'NOPE' does not exist\n${TRY}`, 2],
      ["iptables -A INPUT --dport 80 -j DROP", "", `iptables v1.8.9 (nf_tables): unknown option "--dport"\n${TRY}`, 2],
      ["iptables -A INPUT -s 300.1.1.1 -j DROP", "", `iptables v1.8.9 (nf_tables): host/network \`300.1.1.1' not found\n${TRY}`, 2],
      ["iptables -A INPUT -s 10.0.0.1/33 -j DROP", "", `iptables v1.8.9 (nf_tables): invalid mask \`33' specified\n${TRY}`, 2],
      ["iptables -A INPUT -m statistic --mode random --probability 1.5 -j DROP", "", `iptables v1.8.9 (nf_tables): statistic: bad value for option "--probability", or out of range (0-1).\n\n${TRY}`, 2],
      ["iptables -A INPUT -j DROP -j ACCEPT", "", `iptables v1.8.9 (nf_tables): multiple -j flags not allowed\n${TRY}`, 2],
      ["iptables -L -n INPUT", "", `Bad argument \`INPUT'\n${TRY}`, 2],
      ["iptables -S -n", "", `iptables v1.8.9 (nf_tables): Illegal option \`-n' with this command\n${TRY}`, 2],
      ["iptables -A OUTPUT -i eth0 -j DROP", "", `iptables v1.8.9 (nf_tables): Can't use -i with OUTPUT\n\n${TRY}`, 2],
      ["iptables -P INPUT REJECT", "", "iptables: Bad policy name. Run `dmesg' for more information.\n", 1],
      ["iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset", "", "iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n", 4],
      ["iptables --version", "iptables v1.8.9 (nf_tables)\n"],
    ]));

  it("prints comments, ranges, negations and address lists as iptables -S does", () =>
    transcript([
      [`iptables -A INPUT -m comment --comment 'a "q" b' -j DROP`, ""],
      ["iptables -A INPUT -m comment --comment plain -j DROP", ""],
      ["iptables -A INPUT -p udp ! -s 10.1.2.3/255.0.0.0 --sport 53 -j ACCEPT", ""],
      ["iptables -A INPUT -p tcp --dport :100 -j DROP", ""],
      ["iptables -A INPUT ! -p tcp -j DROP", ""],
      ["iptables -A INPUT -s 1.1.1.1,2.2.2.2 -d 3.3.3.3 -j DROP", ""],
      ["iptables -A INPUT -s 10.0.0.1/255.0.255.0 -j DROP", ""],
      [
        "iptables -S INPUT",
        "-P INPUT ACCEPT\n" +
          '-A INPUT -m comment --comment "a \\"q\\" b" -j DROP\n' +
          "-A INPUT -m comment --comment plain -j DROP\n" +
          "-A INPUT ! -s 10.0.0.0/8 -p udp -m udp --sport 53 -j ACCEPT\n" +
          "-A INPUT -p tcp -m tcp --dport 0:100 -j DROP\n" +
          "-A INPUT ! -p tcp -j DROP\n" +
          "-A INPUT -s 1.1.1.1/32 -d 3.3.3.3/32 -j DROP\n" +
          "-A INPUT -s 2.2.2.2/32 -d 3.3.3.3/32 -j DROP\n" +
          "-A INPUT -s 10.0.0.0/255.0.255.0 -j DROP\n",
      ],
      ["iptables -S INPUT 3", "-A INPUT ! -s 10.0.0.0/8 -p udp -m udp --sport 53 -j ACCEPT\n"],
    ]));

  it("deletes every rule by replaying iptables -S with -A turned into -D", async () => {
    const { run } = makeHost();
    const adds = [
      `-A INPUT -s 127.0.2.0/24 -p tcp --dport 25091:25099 -m comment --comment "xdc partition dc1|dc2" -j DROP`,
      "-A INPUT ! -d 127.0.1.1 -p udp --sport 53 -j REJECT --reject-with icmp-host-prohibited",
      "-A OUTPUT -d 127.0.2.7 -m statistic --mode random --probability 0.3 -j DROP",
      // As with real iptables, a comment with ' or $ would not come back through bash: -S prints
      // it inside double quotes, where \' keeps its backslash and $ expands.
      `-A OUTPUT -p tcp ! --dport 22 -m comment --comment 'say "when" \\ ok' -j ACCEPT`,
      "-N XDC",
      "-A XDC -s 127.0.3.0/24 -j DROP",
      "-I INPUT 1 -j XDC",
    ];
    for (const a of adds) expect((await run(`iptables ${a}`)).code, a).to.equal(0);
    const saved = (await run("iptables -S")).stdout.split("\n").filter((l) => l.startsWith("-A "));
    expect(saved).to.have.length(6);
    for (const line of saved) {
      const r = await run(`iptables ${line.replace(/^-A /, "-D ")}`);
      expect(r, line).to.deep.equal({ code: 0, stdout: "", stderr: "" });
    }
    expect((await run("iptables -S")).stdout).to.equal("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N XDC\n");
  });

  it("gives users other than root the permission error unless they use sudo", async () => {
    const { run } = makeHost();
    const denied = "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n";
    expect(await run("iptables -A INPUT -j DROP", "streamsadmin")).to.deep.equal({ code: 4, stdout: "", stderr: denied });
    expect(await run("iptables -S", "streamsadmin")).to.deep.equal({ code: 4, stdout: "", stderr: denied });
    expect(await run("sudo -n iptables -A INPUT -s 127.0.2.1 -j DROP && sudo iptables -S INPUT", "streamsadmin")).to.deep.equal({
      code: 0,
      stdout: "-P INPUT ACCEPT\n-A INPUT -s 127.0.2.1/32 -j DROP\n",
      stderr: "",
    });
  });

  it("reports each change as an event with the rule as -S prints it", async () => {
    const { run, events, clock } = makeHost();
    await run("iptables -A INPUT -s 127.0.2.0/24 -j DROP");
    clock.advance(1500);
    await run("sudo iptables -D INPUT 1", "xdc");
    await run("iptables -N X; iptables -P OUTPUT DROP; iptables -C INPUT -j DROP");
    expect(events).to.deep.equal([
      { kind: "rule.added", host: "dc1-a", time: clock.now() - 1500, user: "root", chain: "INPUT", rule: "-A INPUT -s 127.0.2.0/24 -j DROP" },
      { kind: "rule.removed", host: "dc1-a", time: clock.now(), user: "xdc", chain: "INPUT", rule: "-A INPUT -s 127.0.2.0/24 -j DROP" },
      { kind: "chain.added", host: "dc1-a", time: clock.now(), user: "root", chain: "X" },
      { kind: "policy.changed", host: "dc1-a", time: clock.now(), user: "root", chain: "OUTPUT", rule: "-P OUTPUT DROP" },
    ]);
  });
});
