import { runIptables } from "../net/iptables.js";
import { runTc } from "../net/tc.js";
import type { Invocation, Outcome } from "../shell/command.js";

/** `iptables …` on the host's filter table; each change becomes a host event. */
export function iptables(inv: Invocation): Outcome {
  const r = runIptables(inv.argv.slice(1), inv.host.ruleset, inv.user === "root");
  const time = inv.host.now();
  for (const change of r.changes) inv.host.emit({ ...change, host: inv.host.name, time, user: inv.loginUser });
  inv.out(r.stdout);
  inv.err(r.stderr);
  return { code: r.code };
}

/** `tc …` on the host's qdiscs; each change becomes a host event. */
export function tc(inv: Invocation): Outcome {
  const time = inv.host.now();
  const r = runTc(inv.argv.slice(1), inv.host.qdiscs, inv.user === "root", time);
  for (const change of r.changes) inv.host.emit({ ...change, host: inv.host.name, time, user: inv.loginUser });
  inv.out(r.stdout);
  inv.err(r.stderr);
  return { code: r.code };
}
