import { readFileSync } from "node:fs";
import { parseKnownHosts } from "../drivers/ssh/known-hosts.js";
import type { LiveEnvironment } from "../runtime/live/environment.js";
import type { SshCliOptions } from "./ssh-options.js";
import { sshSettings } from "./ssh-settings.js";

/** SSH: the environment's own key (the twin's) with the host keys it pins, else the user's keys and known hosts. */
export async function sshFor(env: LiveEnvironment, opts: SshCliOptions, processEnv: NodeJS.ProcessEnv) {
  const pinned = env.dcs.every((d) => d.hosts.every((h) => (h.ssh.hostKeys?.length ?? 0) > 0));
  if (env.sshKey !== undefined && (opts.identity ?? []).length === 0) {
    const keyPath = env.sshKey;
    let key: string;
    try {
      key = readFileSync(keyPath, "utf8");
    } catch (e) {
      return { problem: `cannot read the SSH key ${env.sshKey}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
    if (pinned) return { auth: { identities: [{ key, source: keyPath }] }, hostKeys: { kind: "strict" as const, knownHosts: parseKnownHosts("", "none"), file: "none" } };
  }
  const settings = await sshSettings(opts, processEnv);
  if (!settings.ok) return { problem: settings.error };
  return { auth: settings.value.auth, hostKeys: settings.value.hostKeys };
}
