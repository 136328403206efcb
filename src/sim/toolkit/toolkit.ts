import type { TrafficPolicy } from "../net/traffic.js";
import type { TwinEventBody } from "../twin-events.js";
import { decodeSnapshot, encodeMessage, encodeSnapshot, MESSAGE_TYPES, type HeartbeatMessage, type MessageType } from "./message.js";
import type { ToolkitParams } from "./params.js";
import { send as httpSend, type Machine, type SendOutcome, type SendRequest } from "./sender.js";
import type { SnapshotStore } from "./snapshot-store.js";
import { initialWatchdog, onHeartbeat, onTick, sendsHeartbeats, type Watchdog, type WatchdogEffect } from "./watchdog.js";
import type { Channel } from "./wire.js";

/**
 * One running instance of the `CrossDataCenterFailover` composite: the life of the toolkit's
 * PE, from launch to crash or cancel. Every H (after `crossDCInitDelay`) it ticks: the
 * watchdog counts a miss, a heartbeat (type 1) goes to the remote unless the remote was
 * declared DOWN, and on snapshot ticks the application's state goes out as type 2. Received
 * messages update the watchdog and the snapshot store. The toolkit never knows roles: it
 * tells the application that the remote is up or down and hands it the remote's snapshots;
 * what the application does with that (a standby taking over) is the application's business.
 */
export interface ToolkitApp {
  /** DataSnapshotSignal: the application's state to send */
  snapshot(): unknown[];
  /** RemoteDataCenterStatus (true = remote up) */
  remoteStatus(up: boolean, remote: string, time: number): void;
  /** ProcessDataFromRemoteDC: replayed tuples */
  replay(items: readonly unknown[], origin: string): void;
}

/** The toolkit's operators' metrics, as the runtime maps them onto the model. */
export interface ToolkitMetrics {
  heartbeatSent(): void;
  snapshotSent(items: number): void;
  heartbeatReceived(): void;
  snapshotReceived(): void;
  statusEmitted(): void;
  replayed(snapshots: number, items: number): void;
}

export interface ToolkitTimers {
  now(): number;
  setTimer(delayMs: number, fn: () => void): () => void;
}

export interface ToolkitContext {
  readonly dc: string;
  readonly jobId: string;
  /** which application's snapshots the store holds for it */
  readonly scope: string;
  readonly params: ToolkitParams;
  readonly timers: ToolkitTimers;
  readonly store: SnapshotStore;
  /** the sender PE's host: source address and the host's iptables/qdiscs */
  readonly sender: { readonly address: string; readonly policy: TrafficPolicy };
  /** the remote machines to send to, in the configured order */
  readonly remoteMachines: () => readonly Machine[];
  readonly app: ToolkitApp;
  readonly metrics: ToolkitMetrics;
  readonly record: (event: TwinEventBody) => void;
  readonly log: (line: string) => void;
  /** the HTTP exchange; tests substitute it */
  readonly send?: (req: SendRequest) => Promise<SendOutcome>;
}

export class Toolkit {
  private watchdog: Watchdog = initialWatchdog;
  private heartbeatCnt = 0;
  private startedAt = 0;
  private cancelTick: (() => void) | undefined;
  private suspended = false;
  private stopped = false;
  private readonly abort = new AbortController();
  /** the machine that answered last, tried first next time */
  private lastGood: string | undefined;
  private lastSendFailed = false;

  constructor(private readonly ctx: ToolkitContext) {}

  get remoteState(): Watchdog["state"] {
    return this.watchdog.state;
  }

  get misses(): number {
    return this.watchdog.misses;
  }

  get ticks(): number {
    return this.heartbeatCnt;
  }

  /** The PE launched: handles snapshots left from a previous life, then starts ticking. */
  start(): void {
    const { params, store, scope } = this.ctx;
    this.startedAt = this.ctx.timers.now();
    const left = store.takeAll(scope);
    if (left.length > 0 && params.retainOlderDataSnapshotsAtStartup) {
      // SendMeDataFromSnapshotFiles: the application gets them back at once.
      for (const s of left) this.replayToApp(s.items, s.dataSnapshotOrigin);
    } else if (left.length > 0 && params.sendDataSnapshotsToOriginDCAtStartup) {
      for (const s of left) void this.sendSnapshot(MESSAGE_TYPES.snapshotToOrigin, s.items, s.dataSnapshotOrigin);
    } else {
      for (const s of left) {
        this.ctx.record({ type: "snapshot.discarded", dc: this.ctx.dc, jobId: this.ctx.jobId, origin: s.dataCenterOrigin, items: s.items.length, reason: "startup" });
      }
    }
    this.ctx.log(
      `INFO CrossDCFailover ${params.localDataCenterName} → ${params.remoteDataCenterName}: mode ${params.mode}, heartbeat ${params.heartbeatIntervalMs} ms, ${params.missesAllowed} misses allowed, snapshots every ${params.snapshotIntervalMs} ms`,
    );
    this.schedule(params.initDelayMs);
  }

  /** SIGSTOP: no ticks until resumed. */
  suspend(): void {
    this.suspended = true;
    this.cancelTick?.();
    this.cancelTick = undefined;
  }

  /** SIGCONT: ticks go on at their old rhythm; the ones that fell in the pause are gone. */
  resume(): void {
    if (!this.suspended || this.stopped) return;
    this.suspended = false;
    const { heartbeatIntervalMs: h, initDelayMs } = this.ctx.params;
    const sinceFirst = this.ctx.timers.now() - this.startedAt - initDelayMs;
    const wait = sinceFirst < 0 ? -sinceFirst : h - (sinceFirst % h);
    this.schedule(wait);
  }

  /** The PE ended. `orderly` (the job was cancelled) first tells the remote with a type 3 message. */
  async stop(orderly: boolean): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.abort.abort();
    if (!orderly) return;
    const outcome = await this.sendTo("heartbeat", this.message(MESSAGE_TYPES.orderlyShutdown, [], this.ctx.params.localDataCenterName), new AbortController().signal);
    this.ctx.record({ type: "orderlyShutdown.sent", dc: this.ctx.dc, jobId: this.ctx.jobId, remote: this.ctx.params.remoteDataCenterName, delivered: outcome.ok });
  }

  /** A message from the receiver of this toolkit's PE. */
  receive(m: HeartbeatMessage): void {
    if (this.stopped) return;
    const { dc, jobId, params } = this.ctx;
    const now = this.ctx.timers.now();
    switch (m.type) {
      case MESSAGE_TYPES.heartbeat: {
        this.ctx.metrics.heartbeatReceived();
        if (m.dataCenterOrigin !== params.remoteDataCenterName) {
          this.ctx.log(`WARN heartbeat from ${m.dataCenterOrigin}, which is not the remote datacenter ${params.remoteDataCenterName}; ignored`);
          return;
        }
        this.apply(onHeartbeat(this.watchdog, now));
        return;
      }
      case MESSAGE_TYPES.snapshot: {
        const items = decodeSnapshot(m.dataSnapshot);
        this.ctx.metrics.snapshotReceived();
        if (!items) {
          this.ctx.log(`ERROR unreadable snapshot from ${m.dataCenterOrigin}; ignored`);
          return;
        }
        this.ctx.store.put(this.ctx.scope, { dataCenterOrigin: m.dataCenterOrigin, dataSnapshotOrigin: m.dataSnapshotOrigin, items, heartbeatCnt: m.count, storedAt: now });
        this.ctx.record({ type: "snapshot.stored", dc, jobId, origin: m.dataCenterOrigin, items: items.length });
        return;
      }
      case MESSAGE_TYPES.orderlyShutdown: {
        this.ctx.record({ type: "orderlyShutdown.received", dc, jobId, origin: m.dataCenterOrigin });
        for (const s of this.ctx.store.takeFrom(this.ctx.scope, m.dataCenterOrigin)) {
          this.ctx.record({ type: "snapshot.discarded", dc, jobId, origin: s.dataCenterOrigin, items: s.items.length, reason: "orderlyShutdown" });
        }
        return;
      }
      case MESSAGE_TYPES.snapshotToOrigin: {
        const items = decodeSnapshot(m.dataSnapshot) ?? [];
        this.ctx.metrics.snapshotReceived();
        this.replayToApp(items, m.dataCenterOrigin);
        return;
      }
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.suspended) return;
    this.cancelTick = this.ctx.timers.setTimer(Math.max(0, delayMs), () => this.tick());
  }

  private tick(): void {
    if (this.stopped || this.suspended) return;
    const { params } = this.ctx;
    this.heartbeatCnt += 1;
    this.apply(onTick(this.watchdog, params.missesAllowed));
    if (sendsHeartbeats(this.watchdog)) {
      this.ctx.metrics.heartbeatSent();
      void this.sendTo("heartbeat", this.message(MESSAGE_TYPES.heartbeat, [], params.localDataCenterName), this.abort.signal).then((o) => this.noteSend(o));
    }
    if (this.watchdog.state === "up" && params.mode === "active" && this.snapshotDue()) {
      void this.sendSnapshot(MESSAGE_TYPES.snapshot, this.ctx.app.snapshot(), params.localDataCenterName);
    }
    // Drift-free: tick n falls at start + delay + n·H, however late the timer fired.
    const next = this.startedAt + params.initDelayMs + this.heartbeatCnt * params.heartbeatIntervalMs;
    this.schedule(next - this.ctx.timers.now());
  }

  private snapshotDue(): boolean {
    const { snapshotIntervalMs: s, heartbeatIntervalMs: h } = this.ctx.params;
    return s > 0 && (this.heartbeatCnt * h) % s === 0;
  }

  private async sendSnapshot(type: MessageType, items: readonly unknown[], dataOrigin: string): Promise<void> {
    const { dc, jobId, params } = this.ctx;
    this.ctx.metrics.snapshotSent(items.length);
    const outcome = await this.sendTo("data", this.message(type, items, dataOrigin), this.abort.signal);
    if (outcome.ok) this.ctx.record({ type: "snapshot.sent", dc, jobId, remote: params.remoteDataCenterName, items: items.length, messageType: type === MESSAGE_TYPES.snapshot ? 2 : 4 });
    else if (outcome.reason !== "aborted") this.ctx.log(`WARN snapshot of ${items.length} tuples not delivered: ${outcome.detail}`);
  }

  private message(type: MessageType, items: readonly unknown[], dataSnapshotOrigin: string): Buffer {
    return encodeMessage({
      type,
      count: this.heartbeatCnt,
      dataCenterOrigin: this.ctx.params.localDataCenterName,
      dataSnapshot: items.length > 0 || type === MESSAGE_TYPES.snapshot ? encodeSnapshot(items) : new Uint8Array(0),
      dataSnapshotOrigin,
    });
  }

  /**
   * Tries the remote machines, the one that answered last first, until one accepts (or, with
   * `sendToAllRemoteMachines`, sends to all). A machine without the toolkit's receiver refuses.
   */
  private async sendTo(channel: Channel, body: Buffer, signal: AbortSignal): Promise<SendOutcome> {
    const machines = [...this.ctx.remoteMachines()];
    if (machines.length === 0) return { ok: false, reason: "refused", detail: `no machine of ${this.ctx.params.remoteDataCenterName} is known` };
    machines.sort((a, b) => Number(b.name === this.lastGood) - Number(a.name === this.lastGood));
    const send = this.ctx.send ?? httpSend;
    const request = (machine: Machine): SendRequest => ({
      localAddress: this.ctx.sender.address,
      policy: this.ctx.sender.policy,
      machine,
      httpPort: this.ctx.params.httpPort,
      channel,
      body,
      connectTimeoutMs: this.ctx.params.connectTimeoutMs,
      readTimeoutMs: this.ctx.params.readTimeoutMs,
      signal,
    });
    if (this.ctx.params.sendToAllRemoteMachines) {
      const outcomes = await Promise.all(machines.map((m) => send(request(m))));
      return outcomes.find((o) => o.ok) ?? outcomes[0]!;
    }
    let last: SendOutcome = { ok: false, reason: "refused", detail: "not sent" };
    for (const machine of machines) {
      last = await send(request(machine));
      if (last.ok) {
        this.lastGood = machine.name;
        return last;
      }
      if (last.reason === "aborted") return last;
    }
    return last;
  }

  /** Logs when heartbeats start or stop getting through, not every failure. */
  private noteSend(outcome: SendOutcome): void {
    if (outcome.ok === !this.lastSendFailed || (!outcome.ok && outcome.reason === "aborted")) return;
    this.lastSendFailed = !outcome.ok;
    this.ctx.log(outcome.ok ? `INFO heartbeats reach ${this.ctx.params.remoteDataCenterName} again` : `WARN heartbeat to ${this.ctx.params.remoteDataCenterName} failed: ${outcome.detail}`);
  }

  private apply(step: { watchdog: Watchdog; effects: readonly WatchdogEffect[] }): void {
    const previous = this.watchdog;
    this.watchdog = step.watchdog;
    const { dc, jobId, params } = this.ctx;
    const remote = params.remoteDataCenterName;
    const base = { dc, jobId, observer: dc, remote } as const;
    const now = this.ctx.timers.now();
    for (const effect of step.effects) {
      switch (effect.kind) {
        case "missed":
          this.ctx.record({ type: "heartbeat.missed", ...base, count: effect.count });
          break;
        case "restored":
          this.ctx.record({ type: "heartbeat.restored", ...base, afterTicks: effect.afterTicks });
          break;
        case "declaredUp":
          this.ctx.record({ type: "dc.declaredUp", ...base, previous: effect.previous });
          this.ctx.metrics.statusEmitted();
          this.ctx.app.remoteStatus(true, remote, now);
          break;
        case "declaredDown":
          this.ctx.record({ type: "dc.declaredDown", ...base, lastHeartbeat: previous.lastHeartbeat });
          this.ctx.log(`WARN remote datacenter ${remote} declared DOWN after ${step.watchdog.misses} ticks without a heartbeat`);
          this.ctx.metrics.statusEmitted();
          this.ctx.app.remoteStatus(false, remote, now);
          if (params.mode === "active") {
            for (const s of this.ctx.store.takeFrom(this.ctx.scope, remote)) this.replayToApp(s.items, s.dataCenterOrigin);
          }
          break;
      }
    }
  }

  private replayToApp(items: readonly unknown[], origin: string): void {
    this.ctx.record({ type: "snapshot.replayed", dc: this.ctx.dc, jobId: this.ctx.jobId, origin, items: items.length });
    this.ctx.metrics.replayed(1, items.length);
    this.ctx.app.replay(items, origin);
  }
}
