/**
 * How a running twin describes itself: an environment in xdc's own syntax (what `xdc exec
 * --env FILE` reads for a real deployment too), the `STREAMS_*` variables Streams' command-line
 * tooling reads, and the `--json` ready object. Pure functions of a `TwinDescription`.
 */
export interface TwinDescription {
  /** the environment's name in the file */
  readonly name: string;
  /** the client private key that every host accepts */
  readonly sshKeyPath: string;
  readonly groundTruthUrl: string;
  readonly user: string;
  /** the variable the password is read from: `secret("…")` in the file */
  readonly passwordVariable: string;
  /** HTTPS only: the PEM file of the CA that signed the servers' certificates */
  readonly caFile?: string;
  readonly dcs: readonly DcDescription[];
}

export interface DcDescription {
  readonly name: string;
  /** `http://127.0.1.1:PORT/streams/rest` */
  readonly restUrl: string;
  readonly instance: string;
  readonly dataUrl: string;
  /** the datacenter's Prometheus exposition page, `…/metrics` (what a Prometheus server scrapes) */
  readonly metricsUrl: string;
  /** with `xdc sim --prometheus`: the Prometheus server that scrapes every datacenter */
  readonly prometheusUrl?: string;
  /** the datacenter's Jolokia agent, `http://127.0.1.1:PORT/jolokia` */
  readonly jolokiaUrl: string;
  readonly hosts: readonly HostDescription[];
}

export interface HostDescription {
  readonly name: string;
  readonly address: string;
  readonly sshUser: string;
  readonly sshPort: number;
  /** the public host key, `ssh-ed25519 AAAA…` */
  readonly hostKey: string;
}

/** The environment file, a complete `environment NAME { … }` block. */
export function renderEnvironment(twin: TwinDescription, writtenAt: Date): string {
  const lines = [
    `// written by \`xdc sim\` at ${writtenAt.toISOString()}; the password is in $${twin.passwordVariable}`,
    `environment ${twin.name} {`,
    `  ssh_key: ${str(twin.sshKeyPath)}          // client private key for all hosts`,
    `  ground_truth: ${str(twin.groundTruthUrl)}  // twin-only; a real deployment has none`,
    ...(twin.caFile === undefined ? [] : [`  ca_file: ${str(twin.caFile)}  // the CA that signed the servers' certificates (made for this run)`]),
  ];
  for (const dc of twin.dcs) {
    lines.push(
      `  dc ${dc.name} {`,
      `    streams: ${str(dc.restUrl)}`,
      `    instance: ${str(dc.instance)}`,
      `    user: ${str(twin.user)}`,
      `    password: secret(${str(twin.passwordVariable)})`,
      `    data: ${str(dc.dataUrl)}        // Data Exchange discovery document`,
      ...(dc.prometheusUrl === undefined
        ? [`    // metrics: ${str(dc.metricsUrl)} (the exposition page; \`xdc sim --prometheus\` runs a Prometheus server over it)`]
        : [`    prometheus: ${str(dc.prometheusUrl)}  // Prometheus server scraping ${dc.metricsUrl}`]),
      `    jolokia: ${str(dc.jolokiaUrl)}     // JMX over HTTP: the twin's MBeans of its Streams metrics`,
      `    hosts: [`,
      ...dc.hosts.map(
        (h) =>
          `      host(${str(h.name)}, address: ${str(h.address)}, ssh: ${str(`${h.sshUser}@${h.address}:${h.sshPort}`)}, host_key: ${str(h.hostKey)}),`,
      ),
      `    ]`,
      `  }`,
    );
  }
  lines.push(`}`, ``);
  return lines.join("\n");
}

/**
 * One line per datacenter with the variables Streams tooling reads. The password appears only
 * when `password` is given (the generated one, printed once); otherwise it refers to the variable.
 */
export function renderCredentialLines(twin: TwinDescription, password?: string): string {
  const secret = password === undefined ? `"$${twin.passwordVariable}"` : shellWord(password);
  return twin.dcs
    .map((dc) => `STREAMS_REST_URL=${shellWord(dc.restUrl)} STREAMS_USERNAME=${shellWord(twin.user)} STREAMS_PASSWORD=${secret}  # ${dc.name}`)
    .join("\n");
}

/** The `--json` ready object: the same data as the environment file, as one JSON value. */
export function readyObject(twin: TwinDescription, extra: { envFile?: string; stateDir: string; password?: string }) {
  return {
    ready: true,
    environment: twin.name,
    stateDir: extra.stateDir,
    ...(extra.envFile === undefined ? {} : { envFile: extra.envFile }),
    sshKey: twin.sshKeyPath,
    groundTruth: twin.groundTruthUrl,
    user: twin.user,
    passwordVariable: twin.passwordVariable,
    ...(twin.caFile === undefined ? {} : { caFile: twin.caFile }),
    ...(extra.password === undefined ? {} : { password: extra.password }),
    dcs: twin.dcs.map((dc) => ({
      name: dc.name,
      streams: dc.restUrl,
      instance: dc.instance,
      data: dc.dataUrl,
      metrics: dc.metricsUrl,
      ...(dc.prometheusUrl === undefined ? {} : { prometheus: dc.prometheusUrl }),
      jolokia: dc.jolokiaUrl,
      hosts: dc.hosts.map((h) => ({ name: h.name, address: h.address, ssh: `${h.sshUser}@${h.address}:${h.sshPort}`, sshPort: h.sshPort, hostKey: h.hostKey })),
    })),
  };
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A string literal of xdc's syntax. */
export const str = (s: string): string => `"${s.replace(/["\\\n\r\t]/g, (c) => ESCAPES[c]!)}"`;

/** A word the POSIX shell reads back unchanged. */
const shellWord = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
