import type { Command } from "commander";

/** The SSH options every command that reaches hosts takes (`xdc recover`, `xdc exec`). */
export interface SshCliOptions {
  readonly identity?: readonly string[];
  readonly knownHosts?: string;
  /** commander's `--no-host-key-check` sets this false. */
  readonly hostKeyCheck: boolean;
}

// Registered eagerly with every command; reading the keys (ssh-settings.ts) loads ssh2, which
// only the commands that reach hosts pay for.
export function addSshOptions(command: Command): Command {
  return command
    .option("-i, --identity <file...>", "private key(s) to log in with (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa, and the ssh-agent of SSH_AUTH_SOCK)")
    .option("--known-hosts <file>", "host keys to trust, in OpenSSH's format (default: ~/.ssh/known_hosts); keys the ledger or environment pins win")
    .option("--no-host-key-check", "accept any host key (only on a network you trust)");
}
