import ssh2, { type AnyAuthMethod, type ParsedKey } from "ssh2";
import { err, ok, type Result } from "../result.js";

/**
 * How xdc proves who it is: private keys (read by the caller from files, with an optional
 * passphrase) and/or an SSH agent socket. Public-key methods only; no passwords, so nothing
 * typed by a person ever travels through xdc's configuration.
 */
export interface SshIdentity {
  /** The private key, OpenSSH or PEM. Never logged. */
  readonly key: string | Buffer;
  readonly passphrase?: string;
  /** Where it came from, for messages: a path, or `--identity`. */
  readonly source: string;
}

export interface SshAuth {
  readonly identities: readonly SshIdentity[];
  /** The agent's socket path (`SSH_AUTH_SOCK`), read by the CLI. */
  readonly agent?: string;
}

export interface PreparedAuth {
  readonly keys: readonly ParsedKey[];
  readonly agent?: string;
}

/** Reads every key once, so a wrong passphrase is reported before any host is contacted. */
export function prepareAuth(auth: SshAuth): Result<PreparedAuth, string> {
  const keys: ParsedKey[] = [];
  for (const identity of auth.identities) {
    const parsed = ssh2.utils.parseKey(identity.key, identity.passphrase);
    const key = parsed instanceof Error ? parsed : Array.isArray(parsed) ? parsed[0] : parsed;
    if (key === undefined || key instanceof Error) {
      const why = key instanceof Error ? key.message.replace(/passphrase.*$/i, "passphrase is missing or wrong") : "no key found";
      return err(`the SSH key ${identity.source} cannot be used: ${why}`);
    }
    if (!key.isPrivateKey()) return err(`the SSH key ${identity.source} is a public key; give the private key file`);
    keys.push(key);
  }
  if (keys.length === 0 && !auth.agent) return err("no SSH key and no agent: give --identity FILE or run an ssh-agent (SSH_AUTH_SOCK)");
  return ok({ keys, ...(auth.agent ? { agent: auth.agent } : {}) });
}

/** The methods to try, keys first, then the agent, as ssh2's authHandler list. */
export function authMethods(auth: PreparedAuth, username: string): AnyAuthMethod[] {
  const methods: AnyAuthMethod[] = auth.keys.map((key) => ({ type: "publickey", username, key }));
  if (auth.agent) methods.push({ type: "agent", username, agent: auth.agent });
  return methods;
}
