import { expect } from "chai";
import type { HttpError } from "../../../src/drivers/http/errors.js";
import { restGap } from "../../../src/runtime/live/jobs.js";

const error = (e: Partial<HttpError>): HttpError => ({ kind: "server", message: "GET /jobs answered 503 (server)", method: "GET", path: "/jobs", ...e });

describe("live: a failed REST reading is a gap when a retry could cure it, an error otherwise", () => {
  it("makes a 503, a 429, a reset and a timeout no data, with the datacenter and the cause", () => {
    for (const e of [error({ status: 503 }), error({ status: 429 }), error({ kind: "network", code: "ECONNRESET", message: "GET /jobs: socket hang up" }), error({ kind: "timeout", code: "ETIMEDOUT", message: "GET /jobs timed out" })]) {
      expect(restGap("dc1", e)).to.deep.equal({ ok: true, value: { kind: "no-data", reason: `dc1: ${e.message}` } });
    }
  });

  it("keeps a wrong password, a missing instance and an untrusted certificate environment errors", () => {
    for (const e of [error({ kind: "authentication", status: 401 }), error({ kind: "not-found", status: 404 }), error({ kind: "network", code: "SELF_SIGNED_CERT_IN_CHAIN" })]) {
      expect(restGap("dc2", e)).to.deep.equal({ ok: false, error: { class: "environment", message: `dc2: ${e.message}` } });
    }
  });
});
