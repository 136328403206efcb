import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import type { SshAuth, SshIdentity } from "../drivers/ssh/auth.js";
import type { HostKeyPolicy } from "../drivers/ssh/host-key.js";
import { parseKnownHosts } from "../drivers/ssh/known-hosts.js";
import { err, ok, type Result } from "../drivers/result.js";
import type { SshCliOptions } from "./ssh-options.js";

const DEFAULT_KEYS = ["id_ed25519", "id_ecdsa", "id_rsa"];

/**
 * Reads keys and known hosts the way ssh would. An explicit `--identity` that cannot be read is
 * an error; a default key that cannot be (one with a passphrase, say) is skipped with a note,
 * since the agent usually holds it. XDC_SSH_PASSPHRASE, when set, unlocks the keys.
 */
export async function sshSettings(o: SshCliOptions, env: NodeJS.ProcessEnv): Promise<Result<{ auth: SshAuth; hostKeys: HostKeyPolicy; notes: string[] }, string>> {
  const notes: string[] = [];
  const passphrase = env["XDC_SSH_PASSPHRASE"] || undefined;
  const home = env["HOME"] ?? homedir();
  const explicit = o.identity ?? [];
  const files = explicit.length > 0 ? explicit : DEFAULT_KEYS.map((k) => join(home, ".ssh", k)).filter((f) => existsSync(f));
  const identities: SshIdentity[] = [];
  for (const file of files) {
    let key: string;
    try {
      key = await readFile(file, "utf8");
    } catch (e) {
      return err(`cannot read the SSH key ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const identity: SshIdentity = { key, source: file, ...(passphrase ? { passphrase } : {}) };
    if (explicit.length === 0 && ssh2.utils.parseKey(key, passphrase) instanceof Error) {
      notes.push(`skipped ${file}: it needs a passphrase (set XDC_SSH_PASSPHRASE, or add it to ssh-agent)`);
      continue;
    }
    identities.push(identity);
  }
  const agent = env["SSH_AUTH_SOCK"] || undefined;
  const auth: SshAuth = { identities, ...(agent ? { agent } : {}) };
  if (!o.hostKeyCheck) {
    notes.push("host keys are not checked (--no-host-key-check): a machine in the middle could take the commands");
    return ok({ auth, hostKeys: { kind: "off" }, notes });
  }
  const file = o.knownHosts ?? join(home, ".ssh", "known_hosts");
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if (o.knownHosts !== undefined) return err(`cannot read the known-hosts file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const knownHosts = parseKnownHosts(text, file);
  notes.push(...knownHosts.skipped.map((s) => `ignored ${s}`));
  return ok({ auth, hostKeys: { kind: "strict", knownHosts, file }, notes });
}
