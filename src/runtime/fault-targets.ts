import type { FaultHost } from "../drivers/faults/types.js";
import type { KeptChannel } from "../drivers/network/keep.js";
import type { SessionInfo } from "../drivers/ssh/pool.js";
import { type RemoteShell, type SshError, type SshTarget } from "../drivers/ssh/types.js";
import { err, ok, type Result } from "../drivers/result.js";

/** The SSH pool as fault preparation uses it: commands, and what a connection knows of itself. */
export interface SessionShell extends RemoteShell {
  session(target: SshTarget): Promise<Result<SessionInfo, SshError>>;
}

/**
 * Pins each host's key to the one it presented when xdc connected (checked then against
 * known_hosts or the environment), so the ledger holds it and `xdc recover` checks the same
 * key, on any machine, without a known_hosts entry.
 */
export async function pinHostKeys(shell: SessionShell, hosts: readonly FaultHost[]): Promise<Result<FaultHost[], SshError>> {
  const pinned: FaultHost[] = [];
  for (const h of hosts) {
    const s = await shell.session(h.ssh);
    if (!s.ok) return s;
    pinned.push(h.ssh.hostKeys?.length ? h : { ...h, ssh: { ...h.ssh, hostKeys: [s.value.hostKey] } });
  }
  return ok(pinned);
}

/** `$SSH_CONNECTION`: client address, client port, server address, server port. */
const CONNECTION = /^(\S+) \d+ \S+ (\d+)$/;

/**
 * xdc's SSH channel to each host as the host sees it: sshd's `$SSH_CONNECTION` names xdc's
 * address even through NAT or a jump host; where it is empty (the twin), the socket's own
 * address, or the jump host's, stands in.
 */
export async function sshChannels(shell: SessionShell, hosts: readonly FaultHost[]): Promise<Result<KeptChannel[], SshError>> {
  const channels: KeptChannel[] = [];
  for (const h of hosts) {
    const r = await shell.exec(h.ssh, 'echo "$SSH_CONNECTION"');
    if (!r.ok) return r;
    const m = CONNECTION.exec(r.value.stdout.trim());
    if (m) {
      channels.push({ host: h.ssh.name, peer: m[1]!, port: Number(m[2]), what: "ssh" });
      continue;
    }
    const s = await shell.session(h.ssh);
    if (!s.ok) return s;
    const peer = s.value.localAddress ?? h.ssh.jump?.address;
    if (!peer) return err({ code: "connect", host: h.ssh.name, message: `cannot tell which address ${h.ssh.name} sees xdc's SSH connection from` });
    channels.push({ host: h.ssh.name, peer, port: h.ssh.port, what: "ssh" });
  }
  return ok(channels);
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "https:": 443, "http:": 80 };

/**
 * The REST endpoints xdc watches that are served by one of `hosts` (a management host that is
 * also a Streams host): kept open like its SSH session to that host, from the same address.
 */
export function restChannels(hosts: readonly FaultHost[], ssh: readonly KeptChannel[], urls: readonly string[]): KeptChannel[] {
  const channels: KeptChannel[] = [];
  for (const text of urls) {
    if (!URL.canParse(text)) continue;
    const url = new URL(text);
    const host = hosts.find((h) => h.address === url.hostname || h.ssh.address === url.hostname);
    const from = host && ssh.find((c) => c.host === host.ssh.name);
    if (!host || !from) continue;
    channels.push({ host: host.ssh.name, peer: from.peer, port: Number(url.port) || (DEFAULT_PORTS[url.protocol] ?? 443), what: "rest" });
  }
  return channels;
}
