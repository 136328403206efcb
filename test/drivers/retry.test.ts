import { expect } from "chai";
import fc from "fast-check";
import { sendChecked } from "../../src/drivers/http/checked.js";
import { isAmbiguous, isRetryable, statusKind, wireFailure, type HttpError } from "../../src/drivers/http/errors.js";
import { backoffMs, DEFAULT_RETRY, parseRetryAfter, withRetries, type RetryContext } from "../../src/drivers/http/retry.js";
import { err, ok, type Result } from "../../src/drivers/result.js";
import { VirtualClock, type Clock } from "../../src/runtime/clock.js";
import { MemoryLogger } from "../../src/runtime/logger.js";
import { seededRandom } from "../../src/runtime/random.js";

const failureOf = (status: number | undefined, code?: string, retryAfterMs?: number): HttpError => ({
  kind: status === undefined ? "network" : statusKind(status),
  message: `POST /x answered ${status ?? code}`,
  method: "POST",
  path: "/x",
  ...(status !== undefined ? { status } : {}),
  ...(code ? { code } : {}),
  ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
});

/** A clock that records how long it was asked to sleep, and jumps. */
function recordingClock(): { clock: Clock; slept: number[] } {
  const inner = new VirtualClock({ auto: true });
  const slept: number[] = [];
  return { slept, clock: { wallAnchorMs: inner.wallAnchorMs, now: inner.now, sleep: (ms, signal) => (slept.push(ms), inner.sleep(ms, signal)) } };
}

function context(clock: Clock, attempts = 6): RetryContext & { logger: MemoryLogger } {
  return { clock, random: seededRandom(3), policy: { ...DEFAULT_RETRY, attempts, baseDelayMs: 100, maxDelayMs: 1_000 }, logger: new MemoryLogger() };
}

/** An operation answering the given failures in turn, then `done`. */
function scripted<T>(failures: readonly HttpError[], done: T) {
  let calls = 0;
  const fn = async (): Promise<Result<T, HttpError>> => {
    const e = failures[calls++];
    return e ? err(e) : ok(done);
  };
  return { fn, calls: () => calls };
}

describe("drivers/http: errors are classified by status and by socket code", () => {
  const cases: Array<[number | undefined, string | undefined, string, boolean, boolean]> = [
    // status, code, kind, retryable, ambiguous (the server may have acted)
    [400, undefined, "bad-request", false, false],
    [401, undefined, "authentication", false, false],
    [403, undefined, "authentication", false, false],
    [404, undefined, "not-found", false, false],
    [405, undefined, "unsupported", false, false],
    [408, undefined, "timeout", true, false],
    [409, undefined, "conflict", false, false],
    [429, undefined, "server", true, false],
    [500, undefined, "server", true, true],
    [503, undefined, "server", true, true],
    [501, undefined, "unsupported", false, false],
    [undefined, "ECONNREFUSED", "network", true, false],
    [undefined, "ECONNRESET", "network", true, true],
    [undefined, "ETIMEDOUT", "timeout", true, true],
    [undefined, "ENOTFOUND", "network", false, false],
    [undefined, "SELF_SIGNED_CERT_IN_CHAIN", "network", false, false],
  ];
  for (const [status, code, kind, retryable, ambiguous] of cases) {
    it(`${status ?? code}: ${kind}${retryable ? ", retried" : ""}${ambiguous ? ", ambiguous" : ""}`, () => {
      const e = status === undefined ? { ...failureOf(undefined, code), kind: wireFailure(code!).kind } : failureOf(status);
      expect(e.kind).to.equal(kind);
      expect(isRetryable(e)).to.equal(retryable);
      expect(isAmbiguous(e)).to.equal(ambiguous);
    });
  }
});

describe("drivers/http: backoff and Retry-After", () => {
  it("waits a random time below a ceiling that doubles up to the maximum (full jitter)", () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    fc.assert(
      fc.property(fc.nat(20), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, r) => {
        const delay = backoffMs(retry, policy, () => r);
        expect(delay).to.be.at.least(0);
        expect(delay).to.be.below(Math.min(1_000, 100 * 2 ** retry) + 1e-9);
      }),
    );
    const random = seededRandom(1);
    const delays = Array.from({ length: 50 }, () => backoffMs(3, policy, random));
    expect(new Set(delays).size, "jittered, not fixed").to.be.greaterThan(40);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const clock = new VirtualClock({ wallAnchorMs: Date.parse("2024-01-01T00:00:00Z") });
    expect(parseRetryAfter("3", clock)).to.equal(3_000);
    expect(parseRetryAfter("Mon, 01 Jan 2024 00:00:10 GMT", clock)).to.equal(10_000);
    expect(parseRetryAfter("Sun, 31 Dec 2023 00:00:00 GMT", clock)).to.equal(0);
    expect(parseRetryAfter("soon", clock)).to.equal(undefined);
    expect(parseRetryAfter(undefined, clock)).to.equal(undefined);
  });
});

describe("drivers/http: retries of idempotent requests", () => {
  it("retries 5xx, 429, resets and timeouts, then succeeds", async () => {
    const { clock, slept } = recordingClock();
    const op = scripted([failureOf(503), failureOf(429), failureOf(undefined, "ECONNRESET"), failureOf(undefined, "ETIMEDOUT")], "ok");
    expect(await withRetries(op.fn, context(clock))).to.deep.equal(ok("ok"));
    expect(op.calls()).to.equal(5);
    expect(slept).to.have.length(4);
    slept.forEach((ms, i) => expect(ms).to.be.below(100 * 2 ** i));
  });

  it("honours Retry-After instead of the backoff", async () => {
    const { clock, slept } = recordingClock();
    const op = scripted([failureOf(503, undefined, 1_000), failureOf(429, undefined, 2_000)], "ok");
    expect((await withRetries(op.fn, context(clock))).ok).to.equal(true);
    expect(slept).to.deep.equal([1_000, 2_000]);
  });

  it("gives up when the server asks to wait longer than allowed", async () => {
    const { clock, slept } = recordingClock();
    const op = scripted([failureOf(503, undefined, 3_600_000)], "ok");
    const r = await withRetries(op.fn, context(clock));
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.error.message).to.include("asked to wait 3600 s");
    expect(slept).to.deep.equal([]);
  });

  it("does not retry what retrying cannot fix, and counts attempts", async () => {
    const { clock } = recordingClock();
    const op = scripted([failureOf(404)], "ok");
    const r = await withRetries(op.fn, context(clock));
    expect(r).to.deep.equal(err({ ...failureOf(404), attempts: 1 }));
  });

  it("stops after the policy's attempts", async () => {
    const { clock, slept } = recordingClock();
    const op = scripted(Array.from({ length: 10 }, () => failureOf(500)), "ok");
    const r = await withRetries(op.fn, context(clock, 4));
    expect(r.ok ? 0 : r.error.attempts).to.equal(4);
    expect(slept).to.have.length(3);
  });

  it("is cancelled while waiting", async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const op = scripted([failureOf(500)], "ok");
    const pending = withRetries(op.fn, { ...context(clock), signal: controller.signal });
    while (clock.pendingSleeps === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    const r = await pending;
    expect(r.ok ? "" : r.error.kind).to.equal("cancelled");
    expect(op.calls()).to.equal(1);
  });
});

describe("drivers/http: requests that must not be repeated blindly", () => {
  it("after an ambiguous failure, finds the effect and does not send again", async () => {
    const { clock } = recordingClock();
    const send = scripted([failureOf(undefined, "ECONNRESET")], "job-1");
    const check = scripted<string | undefined>([], "job-1");
    const r = await sendChecked({ what: "submitting j", send: send.fn, check: check.fn }, context(clock));
    expect(r).to.deep.equal(ok("job-1"));
    expect(send.calls()).to.equal(1);
    expect(check.calls()).to.equal(1);
  });

  it("after an ambiguous failure with no effect, sends again", async () => {
    const { clock } = recordingClock();
    const send = scripted([failureOf(500), failureOf(undefined, "ETIMEDOUT")], "job-1");
    const check = scripted<string | undefined>([], undefined);
    expect(await sendChecked({ what: "submitting j", send: send.fn, check: check.fn }, context(clock))).to.deep.equal(ok("job-1"));
    expect(send.calls()).to.equal(3);
    expect(check.calls()).to.equal(2);
  });

  it("retries at once what surely did not arrive, without looking", async () => {
    const { clock } = recordingClock();
    const send = scripted([failureOf(undefined, "ECONNREFUSED"), failureOf(429)], "job-1");
    const check = scripted<string | undefined>([], undefined);
    expect((await sendChecked({ what: "submitting j", send: send.fn, check: check.fn }, context(clock))).ok).to.equal(true);
    expect(check.calls()).to.equal(0);
  });

  it("takes a conflict after an ambiguous failure as its own effect, found by the check", async () => {
    const { clock } = recordingClock();
    // The first send timed out while the server was still creating the job, so the first check
    // saw nothing; the second send then hit the name the first one took.
    const answers = [failureOf(undefined, "ETIMEDOUT"), failureOf(409)];
    const seen: Array<string | undefined> = [undefined, "job-1"];
    let sends = 0;
    let checks = 0;
    const r = await sendChecked<string>({ what: "submitting j", send: async () => err(answers[sends++]!), check: async () => ok(seen[checks++]) }, context(clock));
    expect(r).to.deep.equal(ok("job-1"));
    expect([sends, checks]).to.deep.equal([2, 2]);
  });

  it("a conflict without an earlier unclear failure is the caller's conflict", async () => {
    const { clock } = recordingClock();
    const send = scripted([failureOf(409)], "never");
    const check = scripted<string | undefined>([], "someone-else");
    const r = await sendChecked({ what: "submitting j", send: send.fn, check: check.fn }, context(clock));
    expect(r.ok ? "" : r.error.kind).to.equal("conflict");
    expect(check.calls()).to.equal(0);
  });

  it("sends nothing more when it cannot find out what happened", async () => {
    const { clock } = recordingClock();
    const send = scripted([failureOf(undefined, "ECONNRESET")], "job-1");
    const check = scripted<string | undefined>([failureOf(500)], undefined);
    const r = await sendChecked({ what: "submitting j", send: send.fn, check: check.fn }, context(clock));
    expect(send.calls()).to.equal(1);
    expect(r.ok ? "" : r.error.message).to.include("not sent again");
  });
});
