import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { readLedger } from "../../src/runtime/ledger.js";
import { readEnvironmentFile } from "../../src/runtime/live/environment-file.js";
import { must } from "../helpers/must.js";
import { BIN, EXAMPLES, readJsonLines, type TruthEvent } from "./live-helpers.js";

/**
 * Ctrl-C and SIGTERM at the worst moments of a fault's life, for each family of fault, judged
 * by the twin's ground truth (what really happened on its hosts and REST API), never by what
 * xdc says about itself: the run must exit 130 and leave nothing in effect.
 */

const environmentKey = (env: Awaited<ReturnType<typeof readEnvironmentFile>>): string => {
  if (!env.ok || env.value.sshKey === undefined) throw new Error("the twin's environment file names no SSH key");
  return env.value.sshKey;
};

/** Reads the ground truth on from `since`, waiting (long poll) for the next matching events. */
async function truthAfter(twin: RunningTwin, since: number, types: string, waitMs: number): Promise<{ events: TruthEvent[]; next: number }> {
  const res = await fetch(`${twin.groundTruth}/events?since=${since}&type=${types}&wait=${waitMs}`);
  return (await res.json()) as { events: TruthEvent[]; next: number };
}

/** The seq of the newest event so far: later runs read only what came after it. */
async function lastSeq(twin: RunningTwin): Promise<number> {
  // A type no event has: the answer's `next` is the newest seq, with no events to carry.
  const res = await fetch(`${twin.groundTruth}/events?since=0&type=xdc.none`);
  return ((await res.json()) as { next: number }).next;
}

interface Family {
  /** The fault statement, with `HOLD` for how long it stays. */
  readonly fault: string;
  /** Ground-truth events that apply it, and that undo it. */
  readonly applyTypes: string;
  readonly undoTypes: string;
  /** Whether an event is one of the fault's own changes (not the scenario's submits, say). */
  readonly applies: (e: TruthEvent) => boolean;
  readonly undoes: (e: TruthEvent) => boolean;
  /** How many changes the whole apply makes, from the plan on the ledger. */
  readonly changes: (applyLines: readonly string[]) => number;
  /** What is still in effect after the events of a run: empty when everything was undone. */
  readonly inEffect: (events: readonly TruthEvent[]) => string[];
}

const balance = (events: readonly TruthEvent[], key: (e: TruthEvent) => string, sign: (e: TruthEvent) => number): string[] => {
  const n = new Map<string, number>();
  for (const e of events) n.set(key(e), (n.get(key(e)) ?? 0) + sign(e));
  return [...n].filter(([, v]) => v !== 0).map(([k, v]) => `${k}: ${v}`);
};

const FAMILIES: Readonly<Record<string, Family>> = {
  network: {
    fault: "partition(dc1, dc2) for HOLD",
    applyTypes: "rule.added",
    undoTypes: "rule.removed",
    applies: (e) => e.type === "rule.added",
    undoes: (e) => e.type === "rule.removed",
    changes: (lines) => lines.reduce((n, l) => n + (l.match(/iptables -w -I /g) ?? []).length, 0),
    inEffect: (events) => balance(events.filter((e) => e.type.startsWith("rule.")), (e) => `${String(e["host"])} ${String(e["rule"])}`, (e) => (e.type === "rule.added" ? 1 : -1)),
  },
  process: {
    fault: `pause(pe(app, "Process", on: dc1)) for HOLD`,
    applyTypes: "signal.sent",
    undoTypes: "signal.sent",
    applies: (e) => e.type === "signal.sent" && e["signal"] === "STOP",
    undoes: (e) => e.type === "signal.sent" && e["signal"] === "CONT",
    changes: () => 1,
    inEffect: (events) => {
      const last = new Map<string, string>();
      for (const e of events) if (e.type === "signal.sent" && (e["signal"] === "STOP" || e["signal"] === "CONT")) last.set(`${String(e["host"])} pid ${String(e["pid"])}`, String(e["signal"]));
      return [...last].filter(([, s]) => s === "STOP").map(([k]) => `${k} stopped`);
    },
  },
  resource: {
    fault: "stress_cpu(hosts(dc1)[0], workers: 2) for HOLD",
    applyTypes: "stress.started",
    undoTypes: "stress.ended",
    applies: (e) => e.type === "stress.started",
    undoes: (e) => e.type === "stress.ended",
    changes: () => 1,
    inEffect: (events) => balance(events.filter((e) => e.type.startsWith("stress.")), (e) => `${String(e["host"])} stress pid ${String(e["pid"])}`, (e) => (e.type === "stress.started" ? 1 : -1)),
  },
  api: {
    fault: "cancel_job(app, on: dc1) for HOLD",
    applyTypes: "job.cancelled",
    undoTypes: "job.submitted",
    applies: (e) => e.type === "job.cancelled" && e.dc === "dc1",
    undoes: (e) => e.type === "job.submitted" && e.dc === "dc1",
    changes: () => 1,
    // The fault's cancel comes first in dc1; the job must be submitted again after it (teardown cancels both at the end).
    inEffect: (events) => {
      const dc1 = events.filter((e) => e.dc === "dc1" && e.type.startsWith("job."));
      const cancel = dc1.findIndex((e) => e.type === "job.cancelled");
      return cancel >= 0 && !dc1.slice(cancel + 1).some((e) => e.type === "job.submitted") ? ["dc1's job was cancelled and never submitted again"] : [];
    },
  },
};

type Moment = "apply" | "verify" | "undo";

function scenario(family: Family, moment: Moment): string {
  // For the undo moment the fault is reverted by its `for` while the run still waits.
  const hold = moment === "undo" ? "1s" : "60s";
  return `scenario "interrupted" {
  environment: sim
  timeout: 3m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 1m
  }
  run {
    ${family.fault.replace("HOLD", hold)}
    wait 90s
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;
}

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly since: number;
  readonly signalled: boolean;
}

/**
 * Runs the scenario with `xdc exec --env` and sends `signal` at the moment: the first change
 * of the apply, the last one (the runner is verifying), or the first change of the undo.
 */
async function interruptAt(twin: RunningTwin, dir: string, family: Family, moment: Moment, signal: NodeJS.Signals, twice = false): Promise<Outcome> {
  const file = join(dir, `${moment}.xdc`);
  writeFileSync(file, scenario(family, moment));
  const ledger = join(dir, `${moment}.ledger.jsonl`);
  const since = await lastSeq(twin);
  const args = [BIN, "exec", file, "--env", twin.envFile, "--out", join(dir, `out-${moment}`), "--ledger", ledger];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, [twin.passwordVariable]: twin.password }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let again = false;
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
    // The second signal as soon as the first one's clean-up has begun: exit at once.
    if (twice && !again && stderr.includes(`xdc: ${signal}: undoing`)) {
      again = true;
      child.kill(signal);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  // The undo's first change counts only once the fault's apply has been seen (a scenario's own
  // submit is not the resubmission that undoes a cancel).
  const types = `${family.applyTypes},${family.undoTypes}`;
  let applies = 0;
  let undoes = 0;
  let from = since;
  let signalled = false;
  // Bounded: the scenario's own timeout ends the child long before this loop runs out.
  for (let polls = 0; polls < 600 && running && !signalled; polls++) {
    const page = await truthAfter(twin, from, types, 200);
    from = page.next;
    for (const e of page.events) {
      if (family.applies(e)) applies++;
      else if (applies > 0 && family.undoes(e)) undoes++;
    }
    const now = { apply: applies > 0, verify: await appliedInFull(ledger, family, applies), undo: undoes > 0 }[moment];
    if (now) {
      child.kill(signal);
      signalled = true;
    }
  }
  return { code: await exited, stdout, stderr, since, signalled };
}

/** Whether the ground truth has seen every change the fault's apply makes (the ledger has its plan). */
async function appliedInFull(ledger: string, family: Family, seen: number): Promise<boolean> {
  if (seen === 0) return false;
  const state = await readLedger(ledger);
  const plan = state.ok ? state.value.records.find((r) => r.type === "apply") : undefined;
  if (!plan || plan.type !== "apply") return false;
  const lines = plan.fault.apply.map((a) => (a.via === "ssh" ? a.line : a.call.op));
  return seen >= family.changes(lines);
}

describe("Ctrl-C and SIGTERM while a fault is applied, verified or undone leave nothing in effect (twin ground truth)", function () {
  this.timeout(240_000);
  let twin: RunningTwin;
  let dir: string;
  before(async () => {
    twin = await startTwinProcess({ xdc: BIN, heartbeatIntervalMs: 200, missesAllowed: 3, seed: 41, restartDelayMs: 300 });
    dir = mkdtempSync(join(tmpdir(), "xdc-interrupt-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
  });
  after(async () => {
    await twin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const MOMENTS: readonly { moment: Moment; signal: NodeJS.Signals }[] = [
    { moment: "apply", signal: "SIGINT" },
    { moment: "verify", signal: "SIGTERM" },
    { moment: "undo", signal: "SIGINT" },
  ];

  for (const [name, family] of Object.entries(FAMILIES)) {
    it(`${name} fault: ${MOMENTS.map((m) => `${m.signal} at the ${m.moment}`).join(", ")}: exit 130, everything undone`, async () => {
      for (const { moment, signal } of MOMENTS) {
        const sub = join(dir, name);
        cpSync(join(dir, "apps"), join(sub, "apps"), { recursive: true });
        const run = await interruptAt(twin, sub, family, moment, signal);
        const said = `${name} at the ${moment}:\n${run.stdout}\n${run.stderr}`;
        expect(run.signalled, `${said}\nthe moment never came`).to.equal(true);
        expect(run.code, said).to.equal(130);
        const events = (await truthAfter(twin, run.since, "", 0)).events.filter((e) => e.type !== "xdc.none");
        const ledger = must(await readLedger(join(sub, `${moment}.ledger.jsonl`)));
        expect(ledger.records.filter((r) => r.type === "apply"), `${said}\nthe fault was never applied`).to.have.length(1);
        expect(family.inEffect(events), said).to.deep.equal([]);
        expect(ledger.outstanding, said).to.deep.equal([]);
        const journal = readJsonLines<{ kind: string; interrupted?: boolean; exitCode?: number }>(join(sub, `out-${moment}`, "journal.jsonl"));
        expect(journal.at(-1), said).to.deep.include({ kind: "run.end", interrupted: true, exitCode: 130 });
      }
    });
  }

  it("a run killed with -9 while dc1's job is cancelled: `xdc recover` submits the job again as the run would have, once", async () => {
    const sub = join(dir, "killed");
    cpSync(join(dir, "apps"), join(sub, "apps"), { recursive: true });
    const run = await interruptAt(twin, sub, FAMILIES["api"]!, "verify", "SIGKILL");
    const said = `${run.stdout}\n${run.stderr}`;
    expect(run.signalled, `${said}\nthe moment never came`).to.equal(true);
    expect(run.code, said).to.equal(null);
    const ledger = join(sub, "verify.ledger.jsonl");
    const [plan] = must(await readLedger(ledger)).outstanding;
    expect(plan?.undo.map((a) => (a.via === "api" ? a.call.op : a.line)), "the ledger's plan says how to submit the job again").to.deep.equal(["submitJob"]);
    const cancelled = (await truthAfter(twin, run.since, "", 0)).events;
    expect(FAMILIES["api"]!.inEffect(cancelled), "the kill left nothing to recover: the test proves nothing").to.have.length(1);

    const recover = () =>
      spawnSync(process.execPath, [BIN, "recover", "--ledger", ledger], { cwd: sub, encoding: "utf8", timeout: 60_000, env: { ...process.env, [twin.passwordVariable]: twin.password } });
    const first = recover();
    expect(first.status, first.stdout + first.stderr).to.equal(0);
    expect(must(await readLedger(ledger)).outstanding).to.deep.equal([]);
    const events = (await truthAfter(twin, run.since, "", 0)).events;
    expect(FAMILIES["api"]!.inEffect(events), said).to.deep.equal([]);
    const again = recover();
    expect(again.status, again.stdout + again.stderr).to.equal(0);
    const resubmitted = (await truthAfter(twin, run.since, "", 0)).events.filter((e) => e.type === "job.submitted" && e.dc === "dc1");
    // The run's own submission, then recover's one: a second recover submits nothing.
    expect(resubmitted, said).to.have.length(2);

    // The job recover submitted is the run's, by name; it and the standby are cancelled here, as the run's teardown would have.
    const read = await readEnvironmentFile(twin.envFile, () => twin.password);
    if (!read.ok) throw new Error(`cannot read the twin's environment file: ${JSON.stringify(read.error)}`);
    const env = read.value;
    const jobsOf = (dc: (typeof env.dcs)[number]) => `${dc.streams.replace(/\/$/, "")}/instances/${dc.instance}/jobs`;
    const auth = { Authorization: `Basic ${Buffer.from(`${env.dcs[0]!.user}:${twin.password}`).toString("base64")}` };
    const list = async (dc: (typeof env.dcs)[number]) => ((await (await fetch(jobsOf(dc), { headers: auth })).json()) as { jobs: { id: string; name: string; status: string }[] }).jobs;
    const name = (plan!.undo[0] as { call: { jobName: string } }).call.jobName;
    expect((await list(env.dcs.find((d) => d.name === "dc1")!)).filter((j) => j.name === name).map((j) => j.status)).to.deep.equal(["running"]);
    for (const dc of env.dcs) for (const j of await list(dc)) await fetch(`${jobsOf(dc)}/${j.id}`, { method: "DELETE", headers: auth });
  });

  it("a second Ctrl-C while a partition is applied exits 3, names it, and the command it prints undoes it", async () => {
    const sub = join(dir, "twice");
    cpSync(join(dir, "apps"), join(sub, "apps"), { recursive: true });
    const run = await interruptAt(twin, sub, FAMILIES["network"]!, "apply", "SIGINT", true);
    const said = `${run.stdout}\n${run.stderr}`;
    expect(run.code, said).to.equal(3);
    expect(run.stderr, said).to.match(/SIGINT again: exiting now; 1 fault may still be in effect, and the ledger has them:\n {2}partition dc1 <-> dc2/);
    const command = /run `(xdc recover [^`]+)` to undo them/.exec(run.stderr)?.[1];
    expect(command, said).to.be.a("string");
    const ledger = join(sub, "apply.ledger.jsonl");
    expect(command).to.equal(`xdc recover --ledger ${ledger} --identity ${twin.envFile.replace(/sim\.xdc$/, "")}${basename(environmentKey(await readEnvironmentFile(twin.envFile, () => twin.password)))}`);
    expect(must(await readLedger(ledger)).outstanding, "the run left nothing to recover: the test proves nothing").to.have.length(1);
    // The printed command, as a user would paste it, with `xdc` this checkout's.
    const recovered = spawnSync("sh", ["-c", command!.replace(/^xdc /, `${process.execPath} ${BIN} `)], { cwd: sub, encoding: "utf8", timeout: 60_000 });
    expect(recovered.status, recovered.stdout + recovered.stderr).to.equal(0);
    expect(must(await readLedger(ledger)).outstanding).to.deep.equal([]);
    const events = (await truthAfter(twin, run.since, "", 0)).events;
    expect(FAMILIES["network"]!.inEffect(events), said).to.deep.equal([]);
  });
});
