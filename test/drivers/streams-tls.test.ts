import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerOptions } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectExchange } from "../../src/drivers/exchange/index.js";
import { probeTls } from "../../src/drivers/http/tls-probe.js";
import { connectPrometheus } from "../../src/drivers/prometheus/index.js";
import { connectStreams } from "../../src/drivers/streams/index.js";
import { createRestHandler } from "../../src/sim/rest/handler.js";
import { createAuthority } from "../../src/sim/tls/certificates.js";
import { makeInstance } from "../sim/fixtures.js";
import { closeServer, expectNoSecrets, failure, PASSWORD, testContext, USER, value } from "./helpers.js";

/**
 * Every client over real HTTPS on loopback, with certificates made for the test by the twin's
 * own CA code: one CA that signed the server, one that did not, a client certificate.
 */
describe("drivers: TLS", function () {
  const dir = mkdtempSync(join(tmpdir(), "xdc-tls-"));
  const ca = createAuthority("xdc test CA");
  const other = createAuthority("some other CA");
  const serverCert = ca.issue({ names: ["127.0.0.1"] });
  const clientCert = ca.issue({ names: ["xdc client"], client: true });
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const caFile = file("ca.pem", ca.cert);
  const otherCaFile = file("other-ca.pem", other.cert);
  const clientCertFile = file("client.pem", clientCert.cert);
  const clientKeyFile = file("client.key", clientCert.key);
  const credentials = { user: USER, password: PASSWORD };
  const servers: Server[] = [];

  /** An HTTPS server on 127.0.0.1 with the test's certificate; `handle` answers every request. */
  async function serve(handle: (req: IncomingMessage, res: ServerResponse, origin: string) => void, extra: ServerOptions = {}): Promise<string> {
    let origin = "";
    const server = createServer({ key: serverCert.key, cert: serverCert.cert, ...extra }, (req, res) => handle(req, res, origin));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return origin;
  }

  /** The twin's REST API behind TLS; its links carry the origin it is told, since it cannot see TLS. */
  async function restServer(extra: ServerOptions = {}): Promise<string> {
    const { instance } = makeInstance();
    let handler: ReturnType<typeof createRestHandler> | undefined;
    const origin = await serve((req, res, o) => (handler ??= createRestHandler({ instance, credentials, baseUrl: o }))(req, res), extra);
    return `${origin}/streams/rest`;
  }

  let rest = "";
  before(async () => {
    rest = await restServer();
  });
  after(async () => {
    await Promise.all(servers.map(closeServer));
    rmSync(dir, { recursive: true, force: true });
  });

  describe("REST", () => {
    it("trusts a server whose certificate the CA file signed", async () => {
      const api = value(await connectStreams({ url: rest, credentials, tls: { caFile } }, testContext()));
      expect(value(await api.instance()).self).to.match(/^https:\/\/127\.0\.0\.1:\d+\/streams\/rest\/instances\/dc1$/);
      api.close();
    });

    it("refuses a certificate no trusted CA signed, without retrying, and names the setting that fixes it", async () => {
      const api = value(await connectStreams({ url: rest, credentials }, testContext()));
      const e = failure(await api.instance());
      expect(e).to.include({ kind: "network", attempts: 1, code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
      expect(e.message).to.include("ca_file");
      api.close();
    });

    it("refuses the server when the CA file holds another CA", async () => {
      const api = value(await connectStreams({ url: rest, credentials, tls: { caFile: otherCaFile } }, testContext()));
      expect(failure(await api.instance())).to.include({ kind: "network", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
      api.close();
    });

    it("accepts any certificate when told to be insecure, and warns loudly", async () => {
      const ctx = testContext();
      const api = value(await connectStreams({ url: rest, credentials, tls: { insecure: true } }, ctx));
      expect(value(await api.instance()).id).to.equal("dc1");
      const warning = ctx.logger.entries.find((e) => e.level === "warn");
      expect(warning?.message).to.match(/TLS certificate checks are OFF for https:\/\/127\.0\.0\.1:\d+/);
      expectNoSecrets(ctx.logger.text());
      api.close();
    });

    it("shows its client certificate to a server that requires one, and fails without it", async () => {
      const mutual = await restServer({ ca: ca.cert, requestCert: true, rejectUnauthorized: true });
      const withCert = value(await connectStreams({ url: mutual, credentials, tls: { caFile, clientCert: clientCertFile, clientKey: clientKeyFile } }, testContext()));
      expect(value(await withCert.instance()).id).to.equal("dc1");
      withCert.close();
      const without = value(await connectStreams({ url: mutual, credentials, tls: { caFile } }, testContext()));
      const e = failure(await without.instance());
      expect(e, e.message).to.include({ kind: "network", attempts: 1 });
      expect(e.message).to.include("client_cert");
      without.close();
    });

    it("says which TLS file it cannot use, and never shows a key", async () => {
      const missing = failure(await connectStreams({ url: rest, credentials, tls: { caFile: join(dir, "nope.pem") } }, testContext()));
      expect(missing).to.include({ kind: "configuration" });
      expect(missing.message).to.include("nope.pem").and.include("ENOENT");
      const notPem = failure(await connectStreams({ url: rest, credentials, tls: { caFile: clientKeyFile } }, testContext()));
      expect(notPem.message).to.include("client.key").and.include("no PEM certificate");
      const keyless = failure(await connectStreams({ url: rest, credentials, tls: { clientCert: clientCertFile } }, testContext()));
      expect(keyless.message).to.equal("a client certificate needs its client key");
      const wrongKey = file("wrong.key", other.key);
      const mismatch = failure(await connectStreams({ url: rest, credentials, tls: { clientCert: clientCertFile, clientKey: wrongKey } }, testContext()));
      expect(mismatch.kind).to.equal("configuration");
      expect(mismatch.message).to.include("client.pem");
      for (const e of [missing, notPem, keyless, mismatch]) expect(e.message).not.to.include("PRIVATE KEY").and.not.include(clientCert.key.split("\n")[1]!);
    });
  });

  describe("Data Exchange and Prometheus", () => {
    let data = "";
    let prometheus = "";
    before(async () => {
      data = `${await serve((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ instance: "dc1", jobs: [] })))}/xdc-data`;
      prometheus = await serve((_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } })));
    });

    it("the Data Exchange client trusts the CA file, and refuses the server without it", async () => {
      const trusted = value(await connectExchange({ url: data, credentials, tls: { caFile } }, testContext()));
      expect(value(await trusted.discover()).endpoints).to.deep.equal([]);
      trusted.close();
      const untrusted = value(await connectExchange({ url: data, credentials, retry: { attempts: 1 } }, testContext()));
      expect(failure(await untrusted.discover())).to.include({ kind: "network", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
      untrusted.close();
    });

    it("the Prometheus client trusts the CA file, and refuses the server without it", async () => {
      const trusted = value(await connectPrometheus({ url: prometheus, tls: { caFile } }, testContext()));
      expect(value(await trusted.query("up"))).to.deep.equal({ resultType: "vector", series: [] });
      const untrusted = value(await connectPrometheus({ url: prometheus }, testContext()));
      expect(failure(await untrusted.query("up"))).to.include({ kind: "network", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
    });
  });

  describe("probeTls", () => {
    it("finds nothing wrong with a trusted server, nor with plain HTTP", async () => {
      expect(await probeTls(rest, { caFile }, 5_000)).to.equal(undefined);
      expect(await probeTls(rest, { insecure: true }, 5_000)).to.equal(undefined);
      expect(await probeTls("http://127.0.0.1:9/streams/rest", {}, 5_000)).to.equal(undefined);
    });

    it("names an untrusted certificate, with or without a CA file", async () => {
      expect(await probeTls(rest, {}, 5_000)).to.include({ kind: "untrusted", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
      expect(await probeTls(rest, { caFile: otherCaFile }, 5_000)).to.include({ kind: "untrusted" });
    });

    it("names a certificate for another address", async () => {
      const elsewhere = await serve((_req, res) => res.end(), { ...ca.issue({ names: ["127.0.0.2"] }) });
      expect(await probeTls(elsewhere, { caFile }, 5_000)).to.include({ kind: "name", code: "ERR_TLS_CERT_ALTNAME_INVALID" });
    });

    it("names an expired certificate", async () => {
      const old = ca.issue({ names: ["127.0.0.1"], notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
      const expired = await serve((_req, res) => res.end(), old);
      expect(await probeTls(expired, { caFile }, 5_000)).to.include({ kind: "expired", code: "CERT_HAS_EXPIRED" });
    });

    it("names a missing client certificate, and passes with one", async () => {
      const mutual = await serve((_req, res) => res.end(), { ca: ca.cert, requestCert: true, rejectUnauthorized: true });
      expect(await probeTls(mutual, { caFile }, 5_000)).to.include({ kind: "client-certificate" });
      expect(await probeTls(mutual, { caFile, clientCert: clientCertFile, clientKey: clientKeyFile }, 5_000)).to.equal(undefined);
    });

    it("names TLS files it cannot use", async () => {
      expect(await probeTls(rest, { caFile: join(dir, "nope.pem") }, 5_000)).to.deep.include({ kind: "files" });
    });
  });
});
