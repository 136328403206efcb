/**
 * Where the toolkit's messages go. The real toolkit listens on `crossDCHttpPort` (heartbeats)
 * and `crossDCHttpPort + 1 + ch` (data channel ch) at
 * `/crossdcrx/<receiver operator>/ports/output/0/inject`. In the twin each host has one data
 * server on one real port, so the toolkit's port travels in the path instead, and traffic is
 * judged by iptables as TCP to that port: `--dport 25091` rules work as on a real machine.
 */
export const CROSSDC_PREFIX = "/crossdc/";

export const RECEIVERS = {
  heartbeat: "CrossDataCenterReceiverForHB",
  data: "CrossDataCenterReceiver",
} as const;

export type Channel = keyof typeof RECEIVERS;

/** The toolkit's port of a channel (data channel 0 only: one sender/receiver pair). */
export const channelPort = (httpPort: number, channel: Channel): number => (channel === "heartbeat" ? httpPort : httpPort + 1);

export const receiverPath = (port: number, channel: Channel): string => `${CROSSDC_PREFIX}${port}/crossdcrx/${RECEIVERS[channel]}/ports/output/0/inject`;

/** The port and channel a request path names, or undefined when it is not the toolkit's. */
export function parseReceiverPath(path: string): { port: number; channel: Channel } | undefined {
  const m = /^\/crossdc\/(\d+)\/crossdcrx\/([A-Za-z]+)\/ports\/output\/0\/inject$/.exec(path);
  if (!m) return undefined;
  const channel = (Object.keys(RECEIVERS) as Channel[]).find((c) => RECEIVERS[c] === m[2]);
  return channel === undefined ? undefined : { port: Number(m[1]), channel };
}
