import type { FaultHost } from "../../src/drivers/faults/types.js";

/** A host as a builder sees it; `sudo` when logging in as someone other than root. */
export const faultHost = (name: string, address: string, options: { port?: number; user?: string; device?: string } = {}): FaultHost => {
  const user = options.user ?? "streams";
  return { ssh: { name, address, port: options.port ?? 22, user }, address, sudo: user !== "root", device: options.device ?? "eth0" };
};
