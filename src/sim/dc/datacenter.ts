import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { AppRuntime } from "../app/runtime.js";
import { discoveryDocument, discoveryReply } from "../exchange/discovery.js";
import { endpointRoute } from "../exchange/endpoints.js";
import { SimHost } from "../host/sim-host.js";
import { realClock } from "../model/clock.js";
import { StreamsInstance } from "../model/instance.js";
import { seededRandom } from "../model/random.js";
import { writeReply } from "../net/write-reply.js";
import { Authenticator } from "../rest/auth.js";
import { createRestHandler } from "../rest/handler.js";
import { startSshServer, type SshServer } from "../ssh/server.js";
import { ReceiverTable } from "../toolkit/receivers.js";
import type { Machine } from "../toolkit/sender.js";
import { SnapshotStore } from "../toolkit/snapshot-store.js";
import type { DcSwitches, SwitchChange } from "../switches.js";
import type { HostSwitches } from "../host/switches.js";
import type { TwinEventBody } from "../twin-events.js";
import { startHostServer, type HostServer } from "./host-server.js";
import { dcAddress, hostAddress, hostName, type DcConfig, type DcReady, type PeerTable } from "./ipc.js";
import { PE_USER, PeProcessTable } from "./process-table.js";
import { hostChange, reportInstance } from "./truth-bridge.js";

/**
 * One datacenter of the twin, as its own process runs it: a Streams instance model with its
 * REST API, Data Exchange discovery and Prometheus metrics on 127.0.i.1; hosts 127.0.i.(10+k),
 * each with an SSH server and a data server (endpoints and toolkit receivers); the data flow
 * and the toolkit of every job. Everything binds its own address only.
 */
export interface Datacenter {
  /** what the coordinator needs to know (the entry file adds its pid) */
  readonly ready: Omit<DcReady, "pid">;
  /** where the other datacenters' hosts listen, for the toolkit's senders */
  setPeers(peers: PeerTable): void;
  /** Sets failure switches (docs/twin.md); why not, when the change names no host of this datacenter. */
  setSwitches(change: SwitchChange): string | undefined;
  stop(): Promise<void>;
}

const HOST_CORES = 4;
const HOST_MEMORY_BYTES = 16 * 1024 ** 3;
const HOST_DISK_BYTES = 200 * 1024 ** 3;

export async function startDatacenter(config: DcConfig, record: (event: TwinEventBody, time: number) => void): Promise<Datacenter> {
  const clock = realClock();
  const random = seededRandom(config.seed * 1_000_003 + config.index);
  const hostSpecs = Array.from({ length: config.hosts }, (_, i) => ({ id: hostName(config.name, i + 1), ipAddress: hostAddress(config.index, i + 1, config.network), cores: HOST_CORES }));
  const instance = new StreamsInstance({ id: config.name, hosts: hostSpecs, now: clock.now, timers: clock, random, restartDelayMs: config.restartDelayMs });
  const stopReporting = reportInstance(instance, record);

  const hosts = new Map(
    hostSpecs.map((spec, i) => [
      spec.id,
      new SimHost({
        name: spec.id,
        address: spec.ipAddress,
        cores: HOST_CORES,
        memoryBytes: HOST_MEMORY_BYTES,
        diskBytes: HOST_DISK_BYTES,
        processes: new PeProcessTable(instance, spec.id),
        now: clock.now,
        timers: clock,
        random: seededRandom(config.seed * 7919 + config.index * 131 + i),
        uids: { [PE_USER]: 1000 },
      }),
    ]),
  );

  let peers: PeerTable = [];
  const machines = (remoteDc: string, named: readonly string[]): Machine[] => {
    const all = peers.flatMap((p) => p.hosts.map((h) => ({ ...h, dc: p.dc })));
    if (named.length > 0) return named.flatMap((n) => all.filter((h) => h.name === n || h.address === n));
    return all.filter((h) => h.dc === remoteDc);
  };

  const receivers = new ReceiverTable();
  const runtime = new AppRuntime({
    dc: config.name,
    instance,
    clock,
    record: (e) => record(e, clock.now()),
    cpuFactor: (hostId) => hosts.get(hostId)?.load().cpuFactor ?? 1,
    toolkit: {
      defaults: { heartbeatIntervalMs: config.heartbeatIntervalMs, missesAllowed: config.missesAllowed, localName: config.name, remoteName: config.remoteName },
      store: new SnapshotStore(),
      receivers,
      host: (hostId) => {
        const host = hosts.get(hostId);
        return host ? { address: host.address, policy: host } : undefined;
      },
      machines,
    },
  });
  for (const host of hosts.values()) {
    host.on("change", (e) => {
      const change = hostChange(config.name, e);
      if (change) record(change, e.time);
      if (e.kind === "stress.started" || e.kind === "stress.ended") runtime.refreshRates();
    });
  }

  const dcSwitches: { restUserRevoked: boolean } = { restUserRevoked: false };
  const revoked = () => dcSwitches.restUserRevoked;
  const auth = new Authenticator({ user: config.user, password: config.password }, clock.now, false, undefined, revoked);
  const setSwitches = (change: SwitchChange): string | undefined => {
    if (change.host !== undefined) {
      const host = hosts.get(change.host);
      if (!host) return `datacenter ${config.name} has no host ${change.host}`;
      host.setSwitches(change.set as Partial<HostSwitches>, change.reset === true);
      return undefined;
    }
    const set = { ...(change.reset ? { restUserRevoked: false, instanceStopped: false } : {}), ...(change.set as Partial<DcSwitches>) };
    if (set.restUserRevoked !== undefined) dcSwitches.restUserRevoked = set.restUserRevoked;
    if (set.instanceStopped === true) instance.stopInstance();
    if (set.instanceStopped === false) instance.startInstance();
    return undefined;
  };
  const started: { data: HostServer[]; ssh: SshServer[]; rest?: Server } = { data: [], ssh: [] };
  const stop = async (): Promise<void> => {
    runtime.dispose();
    stopReporting();
    instance.dispose();
    for (const host of hosts.values()) host.dispose();
    const rest = started.rest;
    await Promise.all([
      ...started.data.map((s) => s.close()),
      ...started.ssh.map((s) => s.close()),
      rest ? new Promise<void>((resolve) => { rest.close(() => resolve()); rest.closeAllConnections(); }) : Promise.resolve(),
    ]);
  };

  try {
    for (const [i, spec] of hostSpecs.entries()) {
      const host = hosts.get(spec.id)!;
      started.data.push(
        await startHostServer({
          address: spec.ipAddress,
          port: config.ports.data,
          ...(config.tls ? { tls: config.tls } : {}),
          policy: host,
          route: (path, port) => receivers.route(spec.id, path) ?? endpointRoute({ runtime, auth, hostId: spec.id }, path, port),
        }),
      );
      started.ssh.push(
        await startSshServer({ host, address: spec.ipAddress, port: config.ports.ssh, hostKey: config.hostKeys[i]!, authorizedKeys: config.authorizedKeys, users: [PE_USER] }),
      );
    }
    const address = dcAddress(config.index, config.network);
    const rest = createRestHandler({
      instance,
      credentials: { user: config.user, password: config.password },
      revoked,
      ...(config.tls ? { scheme: "https" as const } : {}),
      ...(config.flaky > 0 ? { flaky: { rate: config.flaky, rand: seededRandom(config.seed * 31 + config.index) } } : {}),
    });
    const hostOrigin = (hostId: string) => {
      const i = hostSpecs.findIndex((h) => h.id === hostId);
      const server = started.data[i];
      return server ? `${scheme}://${server.address}:${server.port}` : undefined;
    };
    const scheme = config.tls ? "https" : "http";
    const listener: RequestListener<typeof IncomingMessage, typeof ServerResponse> = (req, res) => {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const discovery = discoveryReply(q < 0 ? url : url.slice(0, q), req.method, req.headers.authorization, auth, () => discoveryDocument(config.name, runtime, hostOrigin));
      if (discovery) writeReply(res, discovery);
      else rest(req, res);
    };
    const server = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, listener) : createServer(listener);
    started.rest = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.ports.rest, address, () => resolve());
    });
    const ready: Omit<DcReady, "pid"> = {
      name: config.name,
      address,
      port: (server.address() as AddressInfo).port,
      hosts: hostSpecs.map((spec, i) => ({
        id: spec.id,
        address: spec.ipAddress,
        sshPort: started.ssh[i]!.port,
        dataPort: started.data[i]!.port,
        hostKey: started.ssh[i]!.hostKeyPublic,
      })),
    };
    return { ready, setPeers: (p) => (peers = p), setSwitches, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
