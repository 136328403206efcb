import type { FaultHost } from "../drivers/faults/types.js";
import { fingerprint } from "../drivers/ssh/known-hosts.js";
import type { SshPool } from "../drivers/ssh/pool.js";
import { commandLine } from "../drivers/ssh/quote.js";
import { manualSsh, type SshError } from "../drivers/ssh/types.js";
import { wallTime, type Clock } from "../runtime/clock.js";
import { sshChannels } from "../runtime/fault-targets.js";
import type { HostNeed } from "./needs.js";
import { MODULE_PACKAGES, TOOLS, versionAtLeast } from "./tools.js";
import { failed, ok, warn, type CheckLine } from "./types.js";

export interface HostCheckOptions {
  readonly pool: SshPool;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Above this the host's clock is warned about. */
  readonly maxSkewMs: number;
  /** Where host keys not pinned in the environment come from, for messages: a known_hosts file, or "not checked". */
  readonly hostKeySource: string;
}

/** The first SSH failure, as the line of the check it belongs to and its fix. */
const SSH_FAILURES: Readonly<Record<SshError["code"], (h: FaultHost, e: SshError) => CheckLine>> = {
  connect: (h, e) => failed("ssh", h.ssh.name, `cannot reach ${h.ssh.address}:${h.ssh.port}: ${e.message}`, `check the host's \`ssh:\` address and port, that sshd runs there, and that this machine may reach it (\`${manualSsh(h.ssh)} true\`)`),
  timeout: (h, e) => failed("ssh", h.ssh.name, `no SSH answer from ${h.ssh.address}:${h.ssh.port}: ${e.message}`, `check that nothing drops SSH between this machine and the host (\`${manualSsh(h.ssh)} true\`)`),
  auth: (h, e) => failed("login", h.ssh.name, `${h.ssh.user}@${h.ssh.address} refused xdc's key: ${e.message}`, `add xdc's public key to ~${h.ssh.user}/.ssh/authorized_keys on ${h.ssh.name}, or give the right key with --identity`),
  "host-key-unknown": (h, e) => failed("host-key", h.ssh.name, e.message, `pin it: \`host_key:\` on the host in the environment file, or a line in known_hosts (--known-hosts)`),
  "host-key-changed": (h, e) => failed("host-key", h.ssh.name, e.message, "if the host was reinstalled, update its `host_key:` or known_hosts line; otherwise someone may be intercepting the connection"),
  "host-key-revoked": (h, e) => failed("host-key", h.ssh.name, e.message, "the key is marked @revoked: find out why before trusting this host"),
  channel: (h, e) => failed("ssh", h.ssh.name, e.message, "check sshd's MaxSessions on the host (xdc opens up to 8 channels)"),
  closed: (h, e) => failed("ssh", h.ssh.name, e.message, "run the preflight again"),
};

/**
 * One host a fault targets: SSH reachable, host key pinned and matching, login, then (in
 * parallel, each bounded) sudo for exactly the programs the faults run through it, each program
 * and kernel module present in a version that has what the faults use, its clock, and the
 * address xdc's own channel comes from, which the fault's ACCEPT rules keep open. Reads only:
 * `sudo -n -l` lists a rule without running the command, `modprobe -n` loads nothing.
 */
export async function checkHost(host: FaultHost, need: HostNeed | undefined, o: HostCheckOptions): Promise<CheckLine[]> {
  const name = host.ssh.name;
  const session = await o.pool.session(host.ssh);
  if (!session.ok) return [SSH_FAILURES[session.error.code](host, session.error)];
  const pinned = (host.ssh.hostKeys?.length ?? 0) > 0;
  const keyLine = pinned
    ? ok("host-key", name, `matches the key pinned in the environment (${fingerprintOf(session.value.hostKey)})`)
    : o.hostKeySource === "not checked"
      ? warn("host-key", name, `not checked (--no-host-key-check): ${fingerprintOf(session.value.hostKey)} was accepted unseen`, `pin it with \`host_key: "${session.value.hostKey}"\` on the host in the environment file`)
      : ok("host-key", name, `matches ${o.hostKeySource} (${fingerprintOf(session.value.hostKey)})`);
  const lines = [ok("ssh", name, `reachable at ${host.ssh.address}:${host.ssh.port}`), keyLine, ok("login", name, `logged in as ${host.ssh.user}`)];
  const programs = [...(need?.programs ?? new Map<string, boolean>())];
  const checks = [
    ...programs.filter(([, sudo]) => sudo && host.sudo).map(([p]) => checkSudo(host, p, o)),
    ...programs.map(([p]) => checkTool(host, p, o)),
    ...[...(need?.modules ?? [])].map((m) => checkModule(host, m, o)),
    checkClock(host, o),
    ...(need && (need.rules || need.shaped) ? [checkChannel(host, need, o)] : []),
  ];
  return [...lines, ...(await Promise.all(checks)).flat()];
}

function fingerprintOf(key: string): string {
  const blob = key.split(/\s+/)[1];
  return blob ? fingerprint(Buffer.from(blob, "base64")) : key;
}

async function run(host: FaultHost, line: string, o: HostCheckOptions) {
  return o.pool.exec(host.ssh, line, { timeoutMs: o.timeoutMs });
}

async function checkSudo(host: FaultHost, program: string, o: HostCheckOptions): Promise<CheckLine> {
  const name = host.ssh.name;
  const r = await run(host, commandLine(["sudo", "-n", "-l", program]), o);
  if (!r.ok) return failed("sudo", name, `sudo -n -l ${program}: ${r.error.message}`, "run the preflight again");
  const path = r.value.stdout.trim().split(/\s+/)[0];
  if (r.value.exitCode === 0 && path) return ok("sudo", name, `sudo -n may run ${path}`);
  const why = /password is required/.test(r.value.stderr) ? "sudo -n asks for a password" : /command not found/.test(r.value.stderr) ? `there is no ${program} to allow` : "no sudo rule allows it";
  return failed("sudo", name, `${host.ssh.user} may not run ${program} through sudo -n: ${why}`, `add \`${host.ssh.user} ALL=(root) NOPASSWD: /usr/sbin/${program}\` (its real path) to /etc/sudoers.d/xdc on ${name} (docs/faults.md)`);
}

/** The login user's PATH may lack the sbin directories, where sudo (and root) find iptables and tc. */
const SBIN = "PATH=$PATH:/usr/sbin:/sbin; ";

async function checkTool(host: FaultHost, program: string, o: HostCheckOptions): Promise<CheckLine> {
  const name = host.ssh.name;
  const spec = TOOLS[program];
  const pkg = spec?.package ?? program;
  const where = await run(host, `${SBIN}command -v ${commandLine([program])}`, o);
  if (!where.ok) return failed("tool", name, `${program}: ${where.error.message}`, "run the preflight again");
  const path = where.value.stdout.trim();
  if (where.value.exitCode !== 0 || path === "") return failed("tool", name, `${program} is not installed`, `install ${pkg} on ${name} (\`apt-get install ${pkg}\`)`);
  if (!spec?.version) return ok("tool", name, `${program} is there (${path.startsWith("/") ? path : "a shell builtin"})`);
  const v = spec.version;
  const out = await run(host, `${SBIN}${v.command}`, o);
  const found = out.ok ? v.pattern.exec(`${out.value.stdout}\n${out.value.stderr}`)?.[1] : undefined;
  if (found === undefined) return warn("tool", name, `${program} is there (${path}), but \`${v.command}\` named no version`, `check that it is ${pkg} ${v.min} or later`);
  return versionAtLeast(found, v.min)
    ? ok("tool", name, `${program} ${found} (${path})`)
    : failed("tool", name, `${program} ${found} is older than ${v.min}, which has ${v.why}`, `upgrade ${pkg} on ${name}`);
}

async function checkModule(host: FaultHost, module: string, o: HostCheckOptions): Promise<CheckLine> {
  const name = host.ssh.name;
  const r = await run(host, commandLine(["/sbin/modprobe", "-n", "-q", module]), o);
  if (!r.ok) return failed("kernel-module", name, `modprobe -n ${module}: ${r.error.message}`, "run the preflight again");
  if (r.value.exitCode === 0) return ok("kernel-module", name, `${module} can be loaded`);
  if (r.value.exitCode === 127) return warn("kernel-module", name, `cannot tell whether ${module} can be loaded: there is no /sbin/modprobe`, `check by hand that \`modprobe ${module}\` works on ${name}`);
  return failed("kernel-module", name, `${module} cannot be loaded (modprobe -n: ${r.value.stderr.trim() || `exit ${r.value.exitCode}`})`, `install ${MODULE_PACKAGES[module] ?? "the kernel module"} on ${name}`);
}

/** Whole seconds and nanoseconds, as `date +%s.%N` prints them. */
const SECONDS = /^(\d+)\.(\d{1,9})$/;

async function checkClock(host: FaultHost, o: HostCheckOptions): Promise<CheckLine> {
  const name = host.ssh.name;
  const before = wallTime(o.clock);
  const r = await run(host, "date +%s.%N", o);
  const after = wallTime(o.clock);
  const m = r.ok ? SECONDS.exec(r.value.stdout.trim()) : null;
  if (!r.ok || !m) return warn("clock", name, `cannot read its clock (\`date +%s.%N\`${r.ok ? ` said ${JSON.stringify(r.value.stdout.trim())}` : `: ${r.error.message}`})`, "check that GNU date is installed");
  const remote = Number(m[1]) * 1000 + Number(m[2]!.padEnd(9, "0")) / 1e6;
  // The host read its clock somewhere between the two local readings: the middle is the best guess.
  const skew = remote - (before + after) / 2;
  const within = (after - before) / 2;
  const text = `${skew >= 0 ? "+" : "-"}${Math.abs(Math.round(skew))} ms (± ${Math.ceil(within)} ms) from this machine`;
  return Math.abs(skew) - within > o.maxSkewMs
    ? warn("clock", name, `${text}: above ${o.maxSkewMs} ms, the failover times the toolkit reports from this host would be off by as much`, `synchronise its clock (chrony or systemd-timesyncd) with this machine's time source`)
    : ok("clock", name, text);
}

async function checkChannel(host: FaultHost, need: HostNeed, o: HostCheckOptions): Promise<CheckLine> {
  const name = host.ssh.name;
  const found = await sshChannels({ exec: (t, l, x) => o.pool.exec(t, l, { timeoutMs: x?.timeoutMs ?? o.timeoutMs }), session: (t) => o.pool.session(t) }, [host]);
  if (!found.ok) return failed("control-channel", name, `cannot tell which address ${name} sees xdc's SSH connection from: ${found.error.message}`, "make sshd set SSH_CONNECTION (it does unless ForceCommand or a wrapper clears it)");
  const c = found.value[0]!;
  const kept = need.rules ? `; the faults' ACCEPT rules for ${c.peer} port ${c.port} go in ahead of their DROPs` : "";
  const shapers = [...need.faults].filter((f) => f === "latency" || f === "bandwidth");
  const shaped = need.shaped ? `; ${shapers.join(" and ")} shape${shapers.length === 1 ? "s" : ""} xdc's SSH to it as well` : "";
  return ok("control-channel", name, `xdc is seen from ${c.peer}${kept}${shaped}`);
}
