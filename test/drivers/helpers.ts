import { expect } from "chai";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DriverContext } from "../../src/drivers/context.js";
import type { HttpError } from "../../src/drivers/http/errors.js";
import { connectStreams, type StreamsApi, type StreamsConnection } from "../../src/drivers/streams/index.js";
import { VirtualClock, type Clock } from "../../src/runtime/clock.js";
import { MemoryLogger } from "../../src/runtime/logger.js";
import { seededRandom } from "../../src/runtime/random.js";
import { Redactor } from "../../src/runtime/redact.js";
import { ManualClock } from "../../src/sim/model/clock.js";
import type { InstanceOptions, StreamsInstance } from "../../src/sim/model/instance.js";
import { createRestHandler, type RestHandlerOptions } from "../../src/sim/rest/handler.js";
import { makeInstance } from "../sim/fixtures.js";

export const USER = "streamsadmin";
export const PASSWORD = "Pw-for-driver-tests-7f3a";
export const BASIC_B64 = Buffer.from(`${USER}:${PASSWORD}`).toString("base64");

/** A request the twin saw: for counting pages, retries and the Authorization headers used. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

export interface DriverTwin {
  readonly origin: string;
  /** `${origin}/streams/rest` */
  readonly rest: string;
  readonly instance: StreamsInstance;
  readonly clock: ManualClock;
  readonly seen: Seen[];
  close(): Promise<void>;
}

export interface TwinSetup {
  readonly handler?: Partial<Omit<RestHandlerOptions, "instance" | "credentials">>;
  readonly instance?: Partial<InstanceOptions>;
  /** Answers a request itself (returns true) before the twin sees it. */
  readonly intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** One twin instance behind its REST handler on 127.0.0.1, a free port, recording what it is sent. */
export async function startDriverTwin(setup: TwinSetup = {}): Promise<DriverTwin> {
  const { instance, clock } = makeInstance(setup.instance ?? {});
  const handler = createRestHandler({ instance, credentials: { user: USER, password: PASSWORD }, ...setup.handler });
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    if (setup.intercept?.(req, res)) return;
    handler(req, res);
  });
  const origin = await listen(server);
  return {
    origin,
    rest: `${origin}/streams/rest`,
    instance,
    clock,
    seen,
    close: async () => {
      instance.dispose();
      await closeServer(server);
    },
  };
}

export async function listen(server: Server, host = "127.0.0.1"): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

export function closeServer(server: Pick<Server, "closeAllConnections" | "close">): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

export interface TestContext extends DriverContext {
  readonly logger: MemoryLogger;
}

/** Seeded jitter, a captured log, a fresh redactor; a virtual clock that jumps over waits unless another is given. */
export function testContext(clock: Clock = new VirtualClock({ auto: true }), seed = 7): TestContext {
  return { clock, random: seededRandom(seed), logger: new MemoryLogger(), redactor: new Redactor() };
}

/** A StreamsApi for the twin, failing the test if it cannot be made. */
export async function connectTwin(t: { rest: string }, ctx: DriverContext, overrides: Partial<StreamsConnection> = {}): Promise<StreamsApi> {
  const api = await connectStreams({ url: t.rest, credentials: { user: USER, password: PASSWORD }, timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...overrides }, ctx);
  if (!api.ok) throw new Error(api.error.message);
  return api.value;
}

/** The value of a result, failing the test with the error's message otherwise. */
export function value<T>(r: { ok: true; value: T } | { ok: false; error: HttpError }): T {
  if (!r.ok) expect.fail(`expected success, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

/** The error of a result, failing the test if it succeeded. */
export function failure<T>(r: { ok: true; value: T } | { ok: false; error: HttpError }): HttpError {
  if (r.ok) expect.fail(`expected a failure, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

/** No secret, in any form a driver knows it, anywhere in the text. */
export function expectNoSecrets(text: string, secrets: readonly string[] = []): void {
  for (const s of [PASSWORD, BASIC_B64, encodeURIComponent(PASSWORD), ...secrets]) expect(text.includes(s), `a secret appears in: ${text.slice(0, 300)}`).to.equal(false);
}

/**
 * An HTTP proxy in front of `target` that, for the requests `reset` picks, forwards the request,
 * waits until the server answered it (so the server acted), then resets the client's
 * connection without passing the answer on: the one failure after which a client cannot know
 * whether its request took effect.
 */
export async function startResettingProxy(target: string, reset: (method: string, url: string) => boolean): Promise<{ origin: string; resets: number; close(): Promise<void> }> {
  const state = { resets: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = request(`${target}${req.url ?? "/"}`, { method: req.method ?? "GET", headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (c: Buffer) => body.push(c));
        answer.on("end", () => {
          if (reset(req.method ?? "", req.url ?? "")) {
            state.resets++;
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      });
      forward.on("error", () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  const origin = await listen(server);
  return {
    origin,
    get resets() {
      return state.resets;
    },
    close: () => closeServer(server),
  };
}
