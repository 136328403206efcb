/** The SSH driver: pooled connections, host-key checking, quoting. The runtime needs only `RemoteShell`. */
export { SshPool, type SshPoolOptions, type SessionInfo } from "./pool.js";
export { type SshAuth, type SshIdentity } from "./auth.js";
export { checkHostKey, type HostKeyPolicy } from "./host-key.js";
export { parseKnownHosts, fingerprint, type KnownHosts } from "./known-hosts.js";
export { commandLine, shellQuote, unquotable } from "./quote.js";
export { type ExecResult, type RemoteShell, type SshError, type SshErrorCode, type SshTarget } from "./types.js";
