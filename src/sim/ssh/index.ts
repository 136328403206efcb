/** The twin's SSH servers: one per simulated host (see ../host/README.md). */
export { startSshServer, type SshServer, type SshServerOptions } from "./server.js";
export { generateKeys, type GeneratedKeys } from "./keys.js";
