import { expect } from "chai";
import { connectExchange } from "../../src/drivers/exchange/index.js";
import { connectJolokia } from "../../src/drivers/jolokia/index.js";
import { connectPrometheus } from "../../src/drivers/prometheus/index.js";
import { realClock } from "../../src/runtime/clock.js";
import { silentLogger } from "../../src/runtime/logger.js";
import { seededRandom } from "../../src/runtime/random.js";
import { Redactor } from "../../src/runtime/redact.js";

const ctx = () => ({ clock: realClock(), random: seededRandom(1), logger: silentLogger, redactor: new Redactor() });

// Every HTTP service driver refuses the same mistakes in its URL, each naming the service, before anything is sent.
const DRIVERS = [
  { name: "the data service", connect: (url: string) => connectExchange({ url, credentials: { user: "u", password: "p" } }, ctx()), address: "the data service's address", own: "the data service's URL" },
  { name: "Jolokia", connect: (url: string) => connectJolokia({ url }, ctx()), address: "the Jolokia agent's address", own: "the Jolokia URL" },
  { name: "Prometheus", connect: (url: string) => connectPrometheus({ url }, ctx()), address: "the Prometheus server's address", own: "the Prometheus URL" },
];

describe("drivers: a service's URL", () => {
  for (const d of DRIVERS) {
    it(`${d.name}: not a URL, not http(s), or carrying credentials is a configuration error naming it`, async () => {
      const problems = await Promise.all(["nonsense", "ftp://127.0.0.1/x", "http://u:p@127.0.0.1:9/"].map(async (url) => {
        const r = await d.connect(url);
        return r.ok ? "accepted" : `${r.error.kind}: ${r.error.message}`;
      }));
      expect(problems[0]).to.match(new RegExp(`^configuration: nonsense is not a URL: expected ${d.address}, such as `));
      expect(problems[1]).to.equal("configuration: ftp://127.0.0.1/x is not an http:// or https:// URL");
      expect(problems[2]).to.equal(`configuration: ${d.own} must not carry a user name or password: give them as credentials`);
    });
  }
});
