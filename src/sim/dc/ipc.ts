import type { SwitchChange } from "../switches.js";
import type { TwinEventBody } from "../twin-events.js";

/**
 * What the coordinator (`xdc sim`) and a datacenter process say to each other over node's IPC
 * channel. Secrets (the password, host keys) travel only here, never in argv or the
 * environment, where `ps` would show them.
 */
export interface DcConfig {
  readonly name: string;
  /** 1-based: datacenter i lives at 127.N.i.x, N the `network` */
  readonly index: number;
  /** The second octet of every address (`xdc sim --network`): twins with different ones never share an address. */
  readonly network?: number;
  readonly hosts: number;
  /** 0 = free ports */
  readonly ports: { readonly rest: number; readonly ssh: number; readonly data: number };
  readonly user: string;
  readonly password: string;
  /** share of REST requests that fail on purpose */
  readonly flaky: number;
  readonly seed: number;
  readonly heartbeatIntervalMs: number;
  readonly missesAllowed: number;
  /** the toolkit's default remote datacenter (the other one of a pair) */
  readonly remoteName: string;
  /** private host keys, one per host */
  readonly hostKeys: readonly string[];
  /** authorized_keys lines for the `streams` user */
  readonly authorizedKeys: readonly string[];
  readonly restartDelayMs: number;
  /**
   * The coordinator's own temporary state directory (absent for a `--state-dir` the user
   * chose). Should the coordinator die without stopping the datacenter, nobody else is left
   * to remove it, and it holds the twin's private keys: the datacenter removes it.
   */
  readonly orphanedStateDir?: string;
  /** HTTPS (`xdc sim --tls`): the certificate and key for the datacenter's and its hosts' addresses */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export interface HostInfo {
  readonly id: string;
  readonly address: string;
  readonly sshPort: number;
  readonly dataPort: number;
  /** `ssh-ed25519 AAAA…` */
  readonly hostKey: string;
}

export interface DcReady {
  readonly name: string;
  readonly pid: number;
  readonly address: string;
  readonly port: number;
  readonly hosts: readonly HostInfo[];
}

/** Where every datacenter's hosts receive toolkit traffic. */
export type PeerTable = readonly { readonly dc: string; readonly hosts: readonly { readonly name: string; readonly address: string; readonly port: number }[] }[];

export type ToDc =
  | { readonly type: "start"; readonly config: DcConfig }
  | { readonly type: "peers"; readonly peers: PeerTable }
  /** a failure switch (docs/twin.md); answered by `switched` with the same id */
  | { readonly type: "switches"; readonly id: number; readonly change: SwitchChange }
  | { readonly type: "stop" };

export type FromDc =
  /** the process listens: the coordinator may send `start` */
  | { readonly type: "hello" }
  | { readonly type: "ready"; readonly ready: DcReady }
  | { readonly type: "failed"; readonly message: string }
  | { readonly type: "switched"; readonly id: number; readonly error?: string }
  | { readonly type: "event"; readonly event: TwinEventBody; readonly time: number };

export const dcAddress = (index: number, network = 0): string => `127.${network}.${index}.1`;
export const hostAddress = (index: number, host: number, network = 0): string => `127.${network}.${index}.${10 + host}`;
export const hostName = (dc: string, host: number): string => `${dc}-h${host}`;
