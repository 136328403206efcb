import { expect } from "chai";
import { readFileSync } from "node:fs";
import { checkText } from "../../src/language/index.js";
import { parse } from "../../src/language/parse.js";
import { readyObject, renderCredentialLines, renderEnvironment, str, type TwinDescription } from "../../src/sim/environment-file.js";

const twin: TwinDescription = {
  name: "sim",
  sshKeyPath: '/tmp/state "dir"\\x/id_ed25519',
  groundTruthUrl: "http://127.0.0.1:4000/xdc-twin",
  user: "streamsadmin",
  passwordVariable: "XDC_SIM_PASSWORD",
  dcs: ["dc1", "dc2"].map((name, i) => ({
    name,
    restUrl: `http://127.0.${i + 1}.1:4001/streams/rest`,
    instance: name,
    dataUrl: `http://127.0.${i + 1}.1:4001/xdc-data`,
    metricsUrl: `http://127.0.${i + 1}.1:4001/metrics`,
    prometheusUrl: "http://127.0.0.1:9090",
    jolokiaUrl: `http://127.0.${i + 1}.1:4001/jolokia`,
    hosts: [1, 2].map((k) => ({
      name: `${name}-h${k}`,
      address: `127.0.${i + 1}.${10 + k}`,
      sshUser: "streams",
      sshPort: 5000 + k,
      hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample",
    })),
  })),
};

describe("sim environment file", () => {
  const text = renderEnvironment(twin, new Date(Date.UTC(2025, 0, 2, 3, 4, 5)));

  it("is an environment xdc's own parser reads without a diagnostic", () => {
    const parsed = parse(text, "sim.xdc");
    expect(parsed.diagnostics.map((d) => d.message)).to.deep.equal([]);
  });

  it("passes xdc's checker (under a name other than the built-in `sim`), which reads every datacenter and host", () => {
    // The language reserves `sim` for its built-in environment (XDC2003 on a file that
    // declares it); the datacenters, hosts and settings are what matters here.
    const checked = checkText(renderEnvironment({ ...twin, name: "lab_twin" }, new Date(0)), "sim.xdc");
    expect(checked.diagnostics.map((d) => `${d.code} ${d.message}`)).to.deep.equal([]);
    const env = checked.value.environments.get("lab_twin");
    expect(env?.dcs.map((d) => [d.name, d.hosts.length, d.jolokia])).to.deep.equal([
      ["dc1", 2, "http://127.0.1.1:4001/jolokia"],
      ["dc2", 2, "http://127.0.2.1:4001/jolokia"],
    ]);
  });

  it("escapes quotes and backslashes in strings", () => {
    expect(str('a"b\\c')).to.equal('"a\\"b\\\\c"');
    expect(text).to.contain('ssh_key: "/tmp/state \\"dir\\"\\\\x/id_ed25519"');
  });

  it("lists every datacenter with its URLs, secret and hosts", () => {
    expect(text).to.match(/^\/\/ written by `xdc sim` at 2025-01-02T03:04:05.000Z; the password is in \$XDC_SIM_PASSWORD$/m);
    expect(text).to.contain('  dc dc2 {\n    streams: "http://127.0.2.1:4001/streams/rest"\n    instance: "dc2"');
    expect(text).to.contain('password: secret("XDC_SIM_PASSWORD")');
    expect(text).to.contain('host("dc1-h2", address: "127.0.1.12", ssh: "streams@127.0.1.12:5002", host_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample"),');
    expect(text).to.contain('ground_truth: "http://127.0.0.1:4000/xdc-twin"');
  });

  it("names the Prometheus server as `prometheus:`, never the exposition page; without a server, only a comment names the page", () => {
    expect(text).to.contain('    prometheus: "http://127.0.0.1:9090"  // Prometheus server scraping http://127.0.2.1:4001/metrics');
    expect(text).to.not.match(/prometheus: "[^"]*\/metrics"/);
    const without = renderEnvironment({ ...twin, name: "plain", dcs: twin.dcs.map(({ prometheusUrl: _, ...dc }) => dc) }, new Date(0));
    expect(without).to.not.match(/^\s*prometheus:/m);
    expect(without).to.contain('    // metrics: "http://127.0.1.1:4001/metrics"');
    expect(checkText(without, "plain.xdc").diagnostics.map((d) => d.message)).to.deep.equal([]);
    const ready = readyObject(twin, { stateDir: "/tmp/s" });
    expect(ready.dcs[0]).to.include({ metrics: "http://127.0.1.1:4001/metrics", prometheus: "http://127.0.0.1:9090" });
  });

  it("prints the Streams tooling variables, with the password only when asked to", () => {
    const shown = renderCredentialLines(twin, "s3cr'et").split("\n");
    expect(shown).to.deep.equal([
      "STREAMS_REST_URL=http://127.0.1.1:4001/streams/rest STREAMS_USERNAME=streamsadmin STREAMS_PASSWORD='s3cr'\\''et'  # dc1",
      "STREAMS_REST_URL=http://127.0.2.1:4001/streams/rest STREAMS_USERNAME=streamsadmin STREAMS_PASSWORD='s3cr'\\''et'  # dc2",
    ]);
    expect(renderCredentialLines(twin)).to.contain('STREAMS_PASSWORD="$XDC_SIM_PASSWORD"');
  });

  it("gives the same data as a JSON ready object", () => {
    const ready = readyObject(twin, { stateDir: "/tmp/s" });
    expect(ready.dcs[1]!.hosts[0]).to.deep.equal({
      name: "dc2-h1",
      address: "127.0.2.11",
      ssh: "streams@127.0.2.11:5001",
      sshPort: 5001,
      hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample",
    });
    expect(ready).to.not.have.property("password");
    expect(ready.dcs.map((d) => d.jolokia)).to.deep.equal(["http://127.0.1.1:4001/jolokia", "http://127.0.2.1:4001/jolokia"]);
  });

  it("docs/twin.md shows an environment the parser reads", () => {
    const doc = readFileSync(new URL("../../docs/twin.md", import.meta.url), "utf8");
    const blocks = [...doc.matchAll(/^```xdc\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks).to.have.length(1);
    expect(parse(blocks[0]!, "docs/twin.md").diagnostics.map((d) => d.message)).to.deep.equal([]);
  });
});

