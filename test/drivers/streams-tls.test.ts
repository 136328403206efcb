import { expect } from "chai";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectStreams } from "../../src/drivers/streams/index.js";
import { createRestHandler } from "../../src/sim/rest/handler.js";
import { makeInstance } from "../sim/fixtures.js";
import { closeServer, expectNoSecrets, failure, PASSWORD, testContext, USER, value } from "./helpers.js";

const opensslAvailable = spawnSync("openssl", ["version"]).status === 0;

/** A CA and a certificate it signed for 127.0.0.1, made with openssl in `dir`. */
function makeCertificates(dir: string): void {
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  run("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=xdc test CA");
  run("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  writeFileSync(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
  run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
}

describe("drivers/streams: TLS", function () {
  let dir = "";
  let server: Server;
  let url = "";
  const credentials = { user: USER, password: PASSWORD };

  before(async function () {
    if (!opensslAvailable) {
      this.skip();
      return;
    }
    dir = mkdtempSync(join(tmpdir(), "xdc-tls-"));
    makeCertificates(dir);
    const { instance } = makeInstance();
    const handlers: Array<ReturnType<typeof createRestHandler>> = [];
    server = createServer({ key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.pem")) }, (req, res) => handlers[0]!(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The twin's links carry the origin it is told; it cannot see that TLS is in front of it.
    handlers.push(createRestHandler({ instance, credentials, baseUrl: origin }));
    url = `${origin}/streams/rest`;
  });
  after(async () => {
    if (server) await closeServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("trusts a server whose certificate the CA file signed", async () => {
    const api = value(await connectStreams({ url, credentials, tls: { caFile: join(dir, "ca.pem") } }, testContext()));
    expect(value(await api.instance()).self).to.match(/^https:\/\/127\.0\.0\.1:\d+\/streams\/rest\/instances\/dc1$/);
    api.close();
  });

  it("refuses an unknown certificate without retrying, and says what to do", async () => {
    const ctx = testContext();
    const api = value(await connectStreams({ url, credentials }, ctx));
    const e = failure(await api.instance());
    expect(e).to.include({ kind: "network", attempts: 1 });
    expect(e.code).to.match(/CERT|SELF_SIGNED|VERIFY/);
    expect(e.message).to.include("caFile");
    api.close();
  });

  it("accepts any certificate when told to be insecure, and warns loudly", async () => {
    const ctx = testContext();
    const api = value(await connectStreams({ url, credentials, tls: { insecure: true } }, ctx));
    expect(value(await api.instance()).id).to.equal("dc1");
    const warning = ctx.logger.entries.find((e) => e.level === "warn");
    expect(warning?.message).to.match(/TLS certificate checks are OFF for https:\/\/127\.0\.0\.1:\d+/);
    expectNoSecrets(ctx.logger.text());
    api.close();
  });

  it("says which CA file it cannot use", async () => {
    const missing = failure(await connectStreams({ url, credentials, tls: { caFile: join(dir, "nope.pem") } }, testContext()));
    expect(missing).to.include({ kind: "configuration" });
    expect(missing.message).to.include("nope.pem").and.include("ENOENT");
    const notPem = failure(await connectStreams({ url, credentials, tls: { caFile: join(dir, "san.ext") } }, testContext()));
    expect(notPem.message).to.include("no PEM certificate");
  });
});
