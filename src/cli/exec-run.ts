import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { errorCount, type Diagnostic } from "../language/diagnostics.js";
import { checkText, fileSystemHost, type CheckedProgram, type CheckedScenario } from "../language/index.js";
import { render } from "../language/render/index.js";
import { parseKnownHosts } from "../drivers/ssh/known-hosts.js";
import { commandLine } from "../drivers/ssh/quote.js";
import { realClock, type Clock } from "../runtime/clock.js";
import { JOURNAL_VERSION, type JournalEvent, type JournalEventBody, type Verdict } from "../runtime/journal/events.js";
import { stamp, type EventSink } from "../runtime/journal/sink.js";
import { journalWriter } from "../runtime/journal/writer.js";
import { runScenario, type ScenarioResult } from "../runtime/interpreter/scenario.js";
import { openDrivers } from "../runtime/live/drivers.js";
import { liveEnvironment, type LiveEnvironment } from "../runtime/live/environment.js";
import { readEnvironmentFile } from "../runtime/live/environment-file.js";
import { LiveWorld } from "../runtime/live/world.js";
import { redactingLogger, silentLogger } from "../runtime/logger.js";
import { seededRandom } from "../runtime/random.js";
import { checkNoOutstandingFaults } from "../runtime/recover.js";
import { lockLedger } from "../runtime/ledger-lock.js";
import { Redactor } from "../runtime/redact.js";
import { VERSION } from "../version.js";
import type { ExecOptions } from "./exec.js";
import { startTwinProcess, type RunningTwin } from "./exec-twin.js";
import { prometheusMissing, promqlCall } from "./exec-prometheus.js";
import { EXIT, exitCodeFor } from "./exit.js";
import { handleInterrupts } from "./interrupt.js";
import { insecureWarnings, tlsProblem } from "./exec-tls.js";
import { Progress } from "./exec-progress.js";
import { sshSettings } from "./ssh-settings.js";
import { summaryLines } from "./exec-summary.js";

export interface ExecHost {
  readonly env: NodeJS.ProcessEnv;
  /** The `xdc` entry, to start the twin as `xdc sim`. */
  readonly xdc: string;
  readonly tty: boolean;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
}

interface Checked {
  readonly program: CheckedProgram;
  readonly source: (file: string) => string | undefined;
}

/** The errors of a file (its warnings wait for `xdc check`), as `xdc check` prints them. */
function printErrors(diagnostics: readonly Diagnostic[], source: (file: string) => string | undefined, err: (line: string) => void): void {
  err(render("human", { diagnostics: diagnostics.filter((d) => d.severity === "error"), source, fileCount: 1 }, { colour: false }).trimEnd());
}

/** Every file checked first: one with errors stops the run before anything is contacted. */
function checkFiles(files: readonly string[], err: (line: string) => void): Checked[] | undefined {
  const host = fileSystemHost();
  const checked: Checked[] = [];
  const problems: { diagnostics: readonly Diagnostic[]; source: (f: string) => string | undefined }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      err(`xdc exec: ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(e)}`);
      return undefined;
    }
    const source = (f: string) => (f === file ? text : host.read(f));
    const result = checkText(text, file, host);
    if (errorCount(result.diagnostics) > 0) problems.push({ diagnostics: result.diagnostics, source });
    else checked.push({ program: result.value, source });
  }
  for (const p of problems) printErrors(p.diagnostics, p.source, err);
  return problems.length > 0 ? undefined : checked;
}

/** Where a scenario runs: --env, the twin for `sim`, or the environment it names. */
async function environmentFor(program: CheckedProgram, scenario: CheckedScenario, c: RunContext): Promise<{ env: LiveEnvironment; twin?: RunningTwin } | { problem: string }> {
  const { opts, host, seed } = c;
  if (c.given !== undefined) return { env: c.given };
  if (scenario.environment.name === "sim") {
    // The twin runs a Prometheus server only for a scenario that queries one: it costs a
    // second or two to start, and a machine without the binary can still run every other.
    const promql = promqlCall(program);
    if (promql !== undefined) {
      const missing = prometheusMissing(host.env["PATH"]);
      if (missing) return { problem: `${promql} queries Prometheus, and for \`environment: sim\` xdc runs a Prometheus server over the twin, but there is ${missing}; or run against a deployment (--env) whose \`prometheus:\` names a server` };
    }
    let twin: RunningTwin;
    try {
      twin = await startTwinProcess({ xdc: host.xdc, seed, heartbeatIntervalMs: opts.heartbeatInterval ?? 200, missesAllowed: opts.missesAllowed ?? 3, restartDelayMs: 500, ...(promql !== undefined ? { prometheus: true } : {}) });
    } catch (e) {
      return { problem: `cannot start the twin: ${(e as Error).message}` };
    }
    const env = await readEnvironmentFile(twin.envFile, (v) => (v === twin.passwordVariable ? twin.password : undefined));
    if (env.ok) return { env: env.value, twin };
    await twin.stop();
    return { problem: `the twin's environment file cannot be used: ${env.error.kind === "problem" ? env.error.message : "it has errors"}` };
  }
  const env = liveEnvironment(scenario.environment, (v) => host.env[v], "root");
  return env.ok ? { env: env.value } : { problem: env.error };
}

/** `xdc exec`: the exit code of the whole run (docs/cli.md). */
export async function runExec(files: readonly string[], opts: ExecOptions, host: ExecHost): Promise<number> {
  const out = host.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = host.err ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const checked = checkFiles(files, err);
  if (!checked) return EXIT.usage;
  let given: LiveEnvironment | undefined;
  if (opts.env !== undefined) {
    // A wrong --env is the caller's mistake, told before anything starts, as a scenario's errors are.
    const env = await readEnvironmentFile(opts.env, (v) => host.env[v]);
    if (!env.ok) {
      const e = env.error;
      if (e.kind === "diagnostics") printErrors(e.diagnostics, (f) => (f === opts.env ? e.text : undefined), err);
      else err(`xdc exec: --env: ${e.message}`);
      return EXIT.usage;
    }
    given = env.value;
    // Told now, in one line, rather than as the first submission's failure.
    const tls = await tlsProblem(given, opts.env);
    if (tls !== undefined) {
      err(`xdc exec: ${tls}`);
      return EXIT.error;
    }
  }
  for (const w of insecureWarnings(given, opts.env, checked.map((c) => c.program))) err(`xdc exec: warning: ${w}`);
  // One run per ledger: a second exec (or a recover) must not undo or add to this run's faults.
  mkdirSync(dirname(opts.ledger), { recursive: true });
  const lock = await lockLedger(opts.ledger);
  if (!lock.ok) {
    err(`xdc exec: ${lock.error.message}`);
    return EXIT.error;
  }
  try {
    return await runLocked(files, checked, given, opts, host, out, err);
  } finally {
    await lock.value.release();
  }
}

async function runLocked(files: readonly string[], checked: readonly Checked[], given: LiveEnvironment | undefined, opts: ExecOptions, host: ExecHost, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const leftovers = await checkNoOutstandingFaults(opts.ledger);
  if (!leftovers.ok) {
    err(`xdc exec: ${leftovers.error.message}`);
    return EXIT.error;
  }
  const seed = opts.seed ?? 1;
  const clock = realClock();
  const redactor = new Redactor();
  mkdirSync(opts.out, { recursive: true });
  const journalPath = join(opts.out, "journal.jsonl");
  rmSync(journalPath, { force: true });
  const writer = journalWriter(journalPath);
  const events: JournalEvent[] = [];
  const progress = new Progress(clock, host.tty, out);
  const sink: EventSink = {
    write: (e) => {
      const safe = redactor.redactValue(e);
      events.push(safe);
      writer.write(safe);
      progress.event(safe);
    },
  };
  const emit = (body: JournalEventBody, scenario?: string) => sink.write(stamp(clock, body, scenario));
  const interrupt = new AbortController();
  const worlds = new Set<LiveWorld>();
  const remaining: string[] = [];
  let finished: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finished = resolve));
  const removeHandlers = handleInterrupts({
    cleanUp: async () => {
      interrupt.abort();
      return done;
    },
    stillApplied: () => [...worlds].flatMap((w) => w.inForce()),
    recoverCommand: recoverCommandFor(opts, given),
    log: err,
    exit: (code) => process.exit(code),
  });

  emit({ kind: "run.start", version: JOURNAL_VERSION, xdc: VERSION, seed, environment: opts.env ?? "sim", files: [...files] });
  for (const w of insecureWarnings(given, opts.env, checked.map((c) => c.program))) emit({ kind: "log", level: "warn", message: w });
  const results: ScenarioResult[] = [];
  let code: number = EXIT.error;
  try {
    for (const { program, source } of checked) {
      for (const scenario of program.scenarios) {
        if (interrupt.signal.aborted) break;
        results.push(await runOne(program, scenario, source, { opts, given, host, seed, clock, redactor, sink, emit, progress, interrupt: interrupt.signal, err, worlds, remaining }));
      }
    }
  } finally {
    progress.stop();
    const interrupted = interrupt.signal.aborted;
    code = runExitCode(interrupted, results, remaining);
    const verdicts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, "no-data": 0 };
    for (const r of results) verdicts[r.verdict]++;
    emit({ kind: "run.end", exitCode: code, interrupted, verdicts });
    writer.close();
    for (const line of summaryLines(events)) out(line);
    out(`journal: ${journalPath}`);
    await writeRunReports(events, opts.out, journalPath, out, err);
    if (remaining.length > 0) {
      err(`xdc exec: ${remaining.length} fault${remaining.length === 1 ? "" : "s"} may still be in effect; they are in the ledger:`);
      for (const l of remaining) err(`  ${l}`);
      err(`xdc exec: run \`${recoverCommandFor(opts, given)}\` to undo them`);
    }
    removeHandlers();
    finished(code);
  }
  return code;
}

/**
 * The `xdc recover` that undoes what this run leaves, logging in as the run did: with the keys
 * it was given, or the environment file's own key. An embedded twin's key goes with the twin,
 * and so do its faults (recover closes them), so none is named for it.
 */
function recoverCommandFor(opts: ExecOptions, given: LiveEnvironment | undefined): string {
  const keys = (opts.identity ?? []).length > 0 ? opts.identity ?? [] : given?.sshKey !== undefined ? [given.sshKey] : [];
  const argv = ["xdc", "recover", "--ledger", opts.ledger, ...keys.flatMap((k) => ["--identity", k]), ...(opts.knownHosts !== undefined ? ["--known-hosts", opts.knownHosts] : []), ...(opts.hostKeyCheck === false ? ["--no-host-key-check"] : [])];
  return commandLine(argv);
}

/**
 * 130 only when an interrupted run left nothing applied; a fault still in effect outranks
 * every verdict, since the system is not as the run found it.
 */
function runExitCode(interrupted: boolean, results: readonly ScenarioResult[], remaining: readonly string[]): number {
  if (remaining.length > 0) return EXIT.error;
  return interrupted ? EXIT.interrupted : exitCodeFor(results);
}

/** The three reports beside the journal; a report that cannot be written does not change the run's verdict. */
async function writeRunReports(events: readonly JournalEvent[], dir: string, journalPath: string, out: (line: string) => void, err: (line: string) => void): Promise<void> {
  try {
    const { writeReports } = await import("../report/write.js");
    const written = await writeReports(events, dir);
    out(`reports: ${written.junit}, ${written.json}, ${written.html}`);
  } catch (e) {
    err(`xdc exec: the reports could not be written (${(e as Error).message}); \`xdc report ${journalPath}\` renders them from the journal`);
  }
}

interface RunContext {
  readonly opts: ExecOptions;
  /** The deployment --env describes, read once before the run. */
  readonly given?: LiveEnvironment;
  readonly host: ExecHost;
  readonly seed: number;
  readonly clock: Clock;
  readonly redactor: Redactor;
  readonly sink: EventSink;
  readonly emit: (body: JournalEventBody, scenario?: string) => void;
  readonly progress: Progress;
  readonly interrupt: AbortSignal;
  readonly err: (line: string) => void;
  /** The worlds of the scenarios under way: what a second Ctrl-C asks what is still applied. */
  readonly worlds: Set<LiveWorld>;
  /** Faults still in effect after a scenario's final clean-up, one line each. */
  readonly remaining: string[];
}

/** The run's id, in the ledger and in every host tag: short, safe, and different each run. */
const runId = (clock: Clock) => `x${Math.floor(clock.wallAnchorMs).toString(36)}`;

async function runOne(program: CheckedProgram, scenario: CheckedScenario, source: (f: string) => string | undefined, c: RunContext): Promise<ScenarioResult> {
  const failed = (reason: string): ScenarioResult => {
    c.emit({ kind: "scenario.start", file: program.path, tags: scenario.settings.tags, timeoutMs: scenario.settings.timeoutMs ?? 0 }, scenario.name);
    c.emit({ kind: "scenario.end", verdict: "error", errorClass: "environment", reason, durationMs: 0, figures: {} }, scenario.name);
    return { name: scenario.name, verdict: "error", errorClass: "environment", reason, durationMs: 0 };
  };
  const where = await environmentFor(program, scenario, c);
  if ("problem" in where) return failed(c.redactor.redact(where.problem));
  const { env, twin } = where;
  try {
    const ssh = await sshFor(env, c.opts, c.host);
    if ("problem" in ssh) return failed(ssh.problem ?? "SSH cannot be set up");
    const drivers = await openDrivers({
      env,
      ctx: { clock: c.clock, random: seededRandom(c.seed), logger: redactingLogger(silentLogger, c.redactor), redactor: c.redactor },
      run: runId(c.clock),
      ledgerPath: c.opts.ledger,
      target: twin?.target,
      ssh,
      timeoutMs: twin ? 5_000 : 30_000,
    });
    if (!drivers.ok) return failed(c.redactor.redact(drivers.error));
    const world = new LiveWorld(drivers.value, { pollMs: c.opts.poll, onFaults: (f) => c.progress.faults(f), onLog: (level, m) => c.progress.log(level, m), onEvent: (e) => c.emit(e, scenario.name) });
    c.progress.watch(() => world.liveThroughput());
    c.worlds.add(world);
    try {
      const result = await runScenario(program, scenario, { clock: c.clock, world, journal: c.sink, interrupt: c.interrupt, pollMs: c.opts.poll, seed: c.seed, source });
      return result;
    } finally {
      c.remaining.push(...(await world.undoLeftovers()));
      c.worlds.delete(world);
      await world.stop();
      await drivers.value.close();
    }
  } finally {
    await twin?.stop();
  }
}

/** SSH: the environment's own key (the twin's) with the host keys it pins, else the user's keys and known hosts. */
async function sshFor(env: LiveEnvironment, opts: ExecOptions, host: ExecHost) {
  const pinned = env.dcs.every((d) => d.hosts.every((h) => (h.ssh.hostKeys?.length ?? 0) > 0));
  if (env.sshKey !== undefined && (opts.identity ?? []).length === 0) {
    const keyPath = env.sshKey;
    let key: string;
    try {
      key = readFileSync(keyPath, "utf8");
    } catch (e) {
      return { problem: `cannot read the SSH key ${env.sshKey}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
    if (pinned) return { auth: { identities: [{ key, source: keyPath }] }, hostKeys: { kind: "strict" as const, knownHosts: parseKnownHosts("", "none"), file: "none" } };
  }
  const settings = await sshSettings(opts, host.env);
  if (!settings.ok) return { problem: settings.error };
  return { auth: settings.value.auth, hostKeys: settings.value.hostKeys };
}
