/** The shapes the SSH driver shares with its callers (the fault runner, `xdc recover`). */

import type { Result } from "../result.js";

/** Where and as whom to log in. Holds no secret, so it may be written to the ledger. */
export interface SshTarget {
  /** A name for messages: the environment's host name (`dc1-a`). */
  readonly name: string;
  /** The address or DNS name to connect to. */
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /**
   * The host's public keys (`ssh-ed25519 AAAA…`) as the environment description gives them.
   * When present they are the only keys accepted; otherwise the known-hosts file decides.
   */
  readonly hostKeys?: readonly string[];
  /** A bastion to reach this host through (its own keys and known-hosts rules apply). */
  readonly jump?: SshTarget;
}

export interface ExecResult {
  /** The remote command's exit status; null when it died of a signal or sent none. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const SSH_ERROR_CODES = [
  "connect",
  "auth",
  "host-key-unknown",
  "host-key-changed",
  "host-key-revoked",
  "timeout",
  "channel",
  "closed",
] as const;
export type SshErrorCode = (typeof SSH_ERROR_CODES)[number];

export interface SshError {
  readonly code: SshErrorCode;
  /** The target's name (`dc1-a`). */
  readonly host: string;
  /** One line a user can act on; never holds a key, a passphrase or a password. */
  readonly message: string;
}

/** Runs command lines on hosts: what the runtime needs from SSH, and what tests may fake. */
export interface RemoteShell {
  exec(target: SshTarget, line: string, options?: { readonly timeoutMs?: number }): Promise<Result<ExecResult, SshError>>;
}

/** Identifies one pooled connection: the same host reached the same way shares it. */
export const targetKey = (t: SshTarget): string => `${t.user}@${t.address}:${t.port}${t.jump ? ` via ${targetKey(t.jump)}` : ""}`;

/** How a person would reach the host by hand, for messages that tell them what to run. */
export function manualSsh(t: SshTarget): string {
  const jump = t.jump ? ` -J ${t.jump.user}@${t.jump.address}${t.jump.port === 22 ? "" : `:${t.jump.port}`}` : "";
  const port = t.port === 22 ? "" : ` -p ${t.port}`;
  return `ssh${jump}${port} ${t.user}@${t.address}`;
}
