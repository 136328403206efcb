import type { EnvironmentInfo } from "../language/program.js";
import { hostAddress, hostName } from "../sim/dc/ipc.js";
import { PASSWORD_VARIABLE, SSH_USER } from "../sim/launcher.js";
import { TWIN_HOSTS_PER_DC } from "./exec-twin.js";

/**
 * The twin's layout as `xdc exec` would start it for `environment: sim`, for `xdc plan`: the
 * datacenters the language's `sim` declares, numbered in that order as the twin numbers them,
 * with the twin's host names, loopback addresses and SSH user, from the twin's own code. Its
 * ports and keys are drawn when it starts, so they stay unknown here.
 */
export function twinLayout(sim: EnvironmentInfo): EnvironmentInfo {
  return {
    name: sim.name,
    dcs: sim.dcs.map((dc, i) => ({
      name: dc.name,
      password: { secret: PASSWORD_VARIABLE },
      hosts: Array.from({ length: TWIN_HOSTS_PER_DC }, (_, k) => {
        const address = hostAddress(i + 1, k + 1);
        return { name: hostName(dc.name, k + 1), address, ssh: `${SSH_USER}@${address}` };
      }),
    })),
  };
}
