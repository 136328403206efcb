import { expect } from "chai";
import { checked, codes, line, only, textAt } from "./check-helpers.js";

const DC2 = `dc dc2 { streams: "https://dc2.example:8443/streams/rest" instance: "i" }`;

describe("checker: environment files", () => {
  it("reads what a scenario needs from an environment", () => {
    const r = checked(`environment lab {
  ssh_key: "~/.ssh/xdc"
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC1_PASSWORD")
    hosts: [host("dc1-a", address: "127.0.1.11", ssh: "streams@127.0.1.11:2222", host_key: "ssh-ed25519 AAAA")]
  }
  ${DC2}
}`);
    expect(r.diagnostics).to.deep.equal([]);
    const lab = r.value.environments.get("lab")!;
    expect(lab.sshKey).to.equal("~/.ssh/xdc");
    const { span: _span, ...dc1 } = lab.dcs[0]!;
    expect(dc1).to.deep.equal({
      name: "dc1",
      streams: "https://dc1.example:8443/streams/rest",
      instance: "StreamsInstance",
      user: "streamsadmin",
      password: { secret: "DC1_PASSWORD" },
      hosts: [{ name: "dc1-a", address: "127.0.1.11", ssh: "streams@127.0.1.11:2222", hostKey: "ssh-ed25519 AAAA" }],
      hostCount: 1,
    });
  });

  it("requires `streams` and `instance`", () => {
    const text = `environment lab {\n  dc dc1 { user: "u" }\n  ${DC2}\n}`;
    expect(checked(text).diagnostics.map(line)).to.deep.equal([
      "2:6 XDC5001 datacenter `dc1` has no `streams`",
      "2:6 XDC5001 datacenter `dc1` has no `instance`",
    ]);
  });

  it("warns about a password written in clear, without repeating it", () => {
    const text = `environment lab {\n  dc dc1 { streams: "s" instance: "i" password: "hunter2" }\n  ${DC2}\n}`;
    const d = only(text);
    expect([d.code, d.severity, textAt(text, d)]).to.deep.equal(["XDC5002", "warning", '"hunter2"']);
    expect(JSON.stringify(d)).not.to.include("hunter2");
    expect(d.help?.edit?.newText).to.equal('secret("DC1_STREAMS_PASSWORD")');
    const r = checked(text);
    expect(r.value.environments.get("lab")?.dcs[0]?.password).to.equal("written in clear");
  });

  it("reports unknown keys with did-you-mean", () => {
    const text = `environment lab {\n  sshkey: "k"\n  dc dc1 { streams: "s" instance: "i" prometheos: "p" }\n  ${DC2}\n}`;
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => [d.code, d.help?.message])).to.deep.equal([
      ["XDC5003", "did you mean `ssh_key`?"],
      ["XDC5003", "did you mean `prometheus`?"],
    ]);
  });

  it("needs two datacenters", () => {
    const d = only(`environment lab {\n  dc dc1 { streams: "s" instance: "i" }\n}`);
    expect([d.code, d.message]).to.deep.equal(["XDC5004", "environment `lab` declares one datacenter"]);
  });

  it("reports a datacenter declared twice", () => {
    expect(codes(`environment lab {\n  dc dc1 { streams: "s" instance: "i" }\n  dc dc1 { streams: "s" instance: "i" }\n  ${DC2}\n}`)).to.deep.equal(["XDC2003"]);
  });

  it("does not let an environment take the twin's name", () => {
    expect(codes(`environment sim {\n  dc a { streams: "s" instance: "i" }\n  dc b { streams: "s" instance: "i" }\n}`)).to.deep.equal(["XDC2003"]);
  });

  it("gives scenarios the datacenters of their environment", () => {
    const env = `environment lab {\n  dc east { streams: "s" instance: "i" }\n  dc west { streams: "s" instance: "i" }\n}\n`;
    expect(codes(`${env}scenario "s" {\n  environment: lab\n  timeout: 1m\n  run { partition(east, west) for 1s }\n}`)).to.deep.equal([]);
    expect(codes(`${env}scenario "s" {\n  environment: lab\n  timeout: 1m\n  run { partition(dc1, dc2) for 1s }\n}`)).to.deep.equal(["XDC2002", "XDC2002"]);
  });

  describe("TLS settings", () => {
    const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const KEY = "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n";
    const files = { "envs/ca.pem": CERT, "envs/dc2-ca.pem": CERT, "/etc/xdc/client.pem": CERT, "envs/client.key": KEY };

    it("resolves paths against the environment's file, and a datacenter's own settings win over the environment's", () => {
      const r = checked(
        `environment lab {
  ca_file: "ca.pem"
  dc dc1 { streams: "https://dc1.example:8443/streams/rest" instance: "i" }
  dc dc2 { streams: "https://dc2.example:8443/streams/rest" instance: "i" ca_file: "dc2-ca.pem" client_cert: "/etc/xdc/client.pem" client_key: "client.key" insecure: false }
}`,
        files,
        "envs/lab.xdc",
      );
      expect(r.diagnostics).to.deep.equal([]);
      const lab = r.value.environments.get("lab")!;
      expect(lab.tls).to.deep.equal({ caFile: "envs/ca.pem" });
      expect(lab.dcs.map((d) => d.tls)).to.deep.equal([
        { caFile: "envs/ca.pem" },
        { caFile: "envs/dc2-ca.pem", clientCert: "/etc/xdc/client.pem", clientKey: "envs/client.key", insecure: false },
      ]);
    });

    it("an environment without TLS settings has none in its datacenters", () => {
      const lab = checked(`environment lab {\n  dc dc1 { streams: "http://dc1.example/streams/rest" instance: "i" }\n  ${DC2}\n}`).value.environments.get("lab")!;
      expect(lab.tls).to.equal(undefined);
      expect(lab.dcs.map((d) => d.tls)).to.deep.equal([undefined, undefined]);
    });

    it("reports a file that is not there, or holds the wrong thing, where its path is written", () => {
      const text = `environment lab {\n  ca_file: "client.key"\n  dc dc1 { streams: "s" instance: "i" client_cert: "nope.pem" client_key: "ca.pem" }\n  ${DC2}\n}`;
      expect(checked(text, files, "envs/lab.xdc").diagnostics.map(line)).to.deep.equal([
        "2:12 XDC5006 `ca_file` holds no PEM certificate",
        "3:52 XDC5005 cannot read the file `nope.pem` of `client_cert`",
        "3:75 XDC5006 `client_key` holds no unencrypted PEM private key",
      ]);
    });

    it("warns of insecure only where it is turned on", () => {
      const text = `environment lab {\n  insecure: true\n  dc dc1 { streams: "s" instance: "i" insecure: false }\n  ${DC2}\n}`;
      const ds = checked(text).diagnostics;
      expect(ds.map(line)).to.deep.equal(["2:13 XDC5008 TLS certificate checks are off"]);
      expect(ds[0]!.severity).to.equal("warning");
      expect(checked(text).value.environments.get("lab")!.dcs.map((d) => d.tls?.insecure)).to.deep.equal([false, true]);
    });
  });
});

