import type { DcInfo, EnvironmentInfo } from "../language/program.js";
import type { PlanTarget } from "../plan/target.js";
import type { LiveEnvironment } from "../runtime/live/environment.js";

/**
 * The environment a preflight checks, as the plan's fault builders take it: the live one,
 * already resolved (the twin started, the file read), so the plan's hosts are the very hosts
 * that will be contacted, with their real SSH ports.
 */
export function planTargetOf(env: LiveEnvironment): PlanTarget {
  const dcs: DcInfo[] = env.dcs.map((d) => ({
    name: d.name,
    streams: d.streams,
    instance: d.instance,
    user: d.user,
    ...(d.passwordEnv ? { password: { secret: d.passwordEnv } } : {}),
    ...(d.data !== undefined ? { data: d.data } : {}),
    ...(d.prometheus !== undefined ? { prometheus: d.prometheus } : {}),
    hosts: d.hosts.map((h) => ({ name: h.ssh.name, address: h.address, ssh: `${h.ssh.user}@${h.ssh.address}:${h.ssh.port}`, ...(h.ssh.hostKeys?.[0] ? { hostKey: h.ssh.hostKeys[0] } : {}) })),
  }));
  const environment: EnvironmentInfo = { name: env.name, dcs };
  return { environment, sshUser: "streams", sshPortsKnownOnlyLive: false };
}
