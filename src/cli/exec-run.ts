import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CheckedProgram, CheckedScenario } from "../language/index.js";
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
import { runPaint } from "./colour.js";
import { sshFor } from "./ssh-for.js";
import { summaryLines } from "./exec-summary.js";
import { terminal } from "./io.js";
import { checkScenarioFiles, fileList, printErrors, type ScenarioFile } from "./scenario-files.js";
import { execPreflight } from "./exec-preflight.js";

export interface ExecHost {
  readonly env: NodeJS.ProcessEnv;
  /** The `xdc` entry, to start the twin as `xdc sim`. */
  readonly xdc: string;
  readonly tty: boolean;
  /** Whether the progress lines and the summary are coloured (--color, FORCE_COLOR, NO_COLOR, a terminal). */
  readonly colour?: boolean;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
  /** The text of `-` (default: the process's stdin). */
  readonly readStdin?: () => Promise<string>;
}

type Checked = ScenarioFile;

/**
 * A directory the run writes into (--out, the ledger's), made before anything starts: a path
 * that cannot be one is the caller's mistake (exit 2), one the system refuses is the
 * environment's (exit 3). Either is one line, never a stack trace in the middle of a run.
 */
function makeDirectory(dir: string, what: string, err: (line: string) => void): number | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR") {
      err(`xdc exec: ${what}: ${dir} ${code === "EEXIST" ? "exists and is not a directory" : "lies under a file, not a directory"}`);
      return EXIT.usage;
    }
    err(`xdc exec: ${what}: cannot create the directory ${dir} (${code ?? (e as Error).message})`);
    return EXIT.error;
  }
}

/** A path xdc writes a file to: one that is a directory is the caller's mistake. */
function notADirectory(path: string, what: string, err: (line: string) => void): number | undefined {
  let isDirectory = false;
  try {
    isDirectory = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // ENOTDIR, EACCES: making its directory says what is wrong with the path.
  }
  if (!isDirectory) return undefined;
  err(`xdc exec: ${what}: ${path} is a directory, not a file`);
  return EXIT.usage;
}

/**
 * Files that hold no scenario: nothing is run and nothing is judged, which must not pass for a
 * green run. Exit 4, with the journal and the reports (a JUnit file with no test case) saying why.
 */
async function runNothing(files: readonly ScenarioFile[], opts: ExecOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const reason = `no scenario to run: ${fileList(files.map((f) => f.path))} ${files.length === 1 ? "has" : "have"} none`;
  err(`xdc exec: ${reason}`);
  const clock = realClock();
  const journalPath = join(opts.out, "journal.jsonl");
  rmSync(journalPath, { force: true });
  const writer = journalWriter(journalPath);
  const events = [
    stamp(clock, { kind: "run.start", version: JOURNAL_VERSION, xdc: VERSION, seed: opts.seed ?? 1, environment: opts.env ?? "sim", files: files.map((f) => f.path) }),
    stamp(clock, { kind: "run.end", exitCode: EXIT["no-data"], interrupted: false, verdicts: { pass: 0, fail: 0, error: 0, "no-data": 0 }, reason }),
  ];
  for (const e of events) writer.write(e);
  writer.close();
  out(`journal: ${journalPath}`);
  await writeRunReports(events, opts.out, journalPath, out, err);
  return EXIT["no-data"];
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
  const scenarioFiles = await checkScenarioFiles("exec", files, { err, readStdin: host.readStdin ?? terminal.readStdin }, opts.set ?? []);
  if (!scenarioFiles.ok) return scenarioFiles.code;
  const checked = scenarioFiles.value;
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
    // No fault goes to a deployment that cannot be observed or restored.
    if (opts.preflight !== false && !(await execPreflight(checked.flatMap((c) => c.program.scenarios.map((scenario) => ({ program: c.program, scenario, source: c.source }))), given, opts, host.env, err))) return EXIT.error;
  }
  const unusable =
    makeDirectory(opts.out, "--out", err) ??
    notADirectory(join(opts.out, "journal.jsonl"), "--out", err) ??
    notADirectory(opts.ledger, "--ledger", err) ??
    makeDirectory(dirname(opts.ledger), `--ledger ${opts.ledger}`, err);
  if (unusable !== undefined) return unusable;
  if (checked.every((f) => f.program.scenarios.length === 0)) return await runNothing(checked, opts, out, err);
  for (const w of insecureWarnings(given, opts.env, checked.map((c) => c.program))) err(`xdc exec: warning: ${w}`);
  // One run per ledger: a second exec (or a recover) must not undo or add to this run's faults.
  const lock = await lockLedger(opts.ledger);
  if (!lock.ok) {
    err(`xdc exec: ${lock.error.message}`);
    return EXIT.error;
  }
  try {
    return await runLocked(checked.map((f) => f.path), checked, given, opts, host, out, err);
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
  const progress = new Progress(clock, host.tty, out, runPaint(host.colour === true));
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
    for (const line of summaryLines(events, runPaint(host.colour === true))) out(line);
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
    // The twin started for this scenario gets the same checks `--env` gets before the run.
    if (twin && c.opts.preflight !== false && !(await execPreflight([{ program, scenario, source }], env, c.opts, c.host.env, c.err))) return failed("the preflight found a problem (above); nothing was started");
    const ssh = await sshFor(env, c.opts, c.host.env);
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
