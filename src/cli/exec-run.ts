import { mkdirSync, rmSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { CheckedProgram, CheckedScenario } from "../language/index.js";
import { commandLine } from "../drivers/ssh/quote.js";
import { realClock, wallTime, type Clock } from "../runtime/clock.js";
import { JOURNAL_VERSION, type JournalEvent, type JournalEventBody } from "../runtime/journal/events.js";
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
import { Ledger } from "../runtime/ledger.js";
import type { EventOf } from "../report/model.js";
import { verdictCounts } from "../report/repeats.js";
import { Redactor } from "../runtime/redact.js";
import { VERSION } from "../version.js";
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
import { execOutput, type ExecFormat, type ExecOutput } from "./exec-format.js";
import { ParallelProgress, type ScenarioView } from "./exec-progress-parallel.js";
import { runPool } from "./exec-pool.js";
import { allScenarios, listLine, parseShard, parseTagEntry, select, selects, type Selected, type Selection } from "./exec-select.js";
import { runEvery } from "./exec-every.js";
import { historyRun, recordHistory } from "./exec-history.js";
import { repeatSummaryLines } from "./exec-repeat-summary.js";
import { clearEarlierRepeats, observedCheck, repeatsOf, repeatsSummary, writeRepeatsSummary, type RepeatRun, type Task } from "./exec-repeats.js";
import type { ObservedCheck } from "../report/repeats.js";
import { datacenterKeys } from "./exec-datacenters.js";
import type { SshCliOptions } from "./ssh-options.js";
import type { ColourChoice } from "./colour.js";
import type { JunitCases } from "../report/junit.js";

export interface ExecOptions extends SshCliOptions {
  /** `--color`, which createProgram adds to every command. */
  readonly color?: ColourChoice;
  readonly env?: string;
  readonly seed?: number;
  readonly out: string;
  readonly ledger: string;
  readonly heartbeatInterval?: number;
  readonly missesAllowed?: number;
  readonly poll: number;
  /** commander's `--no-preflight` sets this false. */
  readonly preflight?: boolean;
  /** `--format`: what stdout carries (docs/cli.md). */
  readonly format?: ExecFormat;
  /** `--junit-cases`: junit.xml's test cases per expectation or per scenario. */
  readonly junitCases?: JunitCases;
  /** Each `--tag` given (`a+b` needs both). */
  readonly tag?: readonly string[];
  readonly excludeTag?: readonly string[];
  readonly grep?: RegExp;
  readonly list?: boolean;
  readonly jobs?: number;
  readonly repeat?: number;
  /** From 0 to 1. */
  readonly minPass?: number;
  /** `i/n`, checked. */
  readonly shard?: string;
  readonly history?: string;
  /** Milliseconds. */
  readonly every?: number;
  /** `--set NAME=VALUE[,VALUE…]` (repeatable): scenario parameters; several values run each scenario once per value. */
  readonly set?: readonly string[];
}

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
async function runNothing(files: readonly ScenarioFile[], opts: ExecOptions, output: ExecOutput, err: (line: string) => void, why?: { readonly reason: string; readonly code: number }): Promise<number> {
  const reason = why?.reason ?? `no scenario to run: ${fileList(files.map((f) => f.path))} ${files.length === 1 ? "has" : "have"} none`;
  const exitCode = why?.code ?? EXIT["no-data"];
  err(`xdc exec: ${reason}`);
  const clock = realClock();
  const journalPath = join(opts.out, "journal.jsonl");
  rmSync(journalPath, { force: true });
  const writer = journalWriter(journalPath);
  const events = [
    stamp(clock, { kind: "run.start", version: JOURNAL_VERSION, xdc: VERSION, seed: opts.seed ?? 1, environment: opts.env ?? "sim", files: files.map((f) => f.path), host: hostname() }),
    stamp(clock, { kind: "run.end", exitCode, interrupted: false, verdicts: { pass: 0, fail: 0, error: 0, "no-data": 0 }, reason }),
  ];
  for (const e of events) writer.write(e);
  writer.close();
  output.human(`journal: ${journalPath}`);
  output.end(journalPath, await writeRunReports(events, opts.out, opts, journalPath, output.human, err));
  return exitCode;
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
      twin = await startTwinProcess({ xdc: host.xdc, seed, ...(c.network > 0 ? { network: c.network } : {}), heartbeatIntervalMs: opts.heartbeatInterval ?? 200, missesAllowed: opts.missesAllowed ?? 3, restartDelayMs: 500, ...(promql !== undefined ? { prometheus: true } : {}) });
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
  const selection = selectionOf(opts);
  const { matched, run: entries } = select(checked, selection);
  if (selects(selection) && matched.length === 0 && checked.some((f) => f.program.scenarios.length > 0)) {
    // A selection that picks nothing is almost always a typo in a tag or a pattern: said, not run as "no data".
    const tags = [...new Set(allScenarios(checked).flatMap((s) => s.scenario.settings.tags))].sort();
    err(`xdc exec: no scenario matches ${describeSelection(opts)}${tags.length ? ` (the tags in these files: ${tags.join(", ")})` : " (no scenario in these files has tags)"}`);
    return EXIT.usage;
  }
  if (opts.list === true) {
    for (const s of entries) out(listLine(s));
    if (opts.shard !== undefined) err(`xdc exec: shard ${opts.shard}: ${entries.length} of the ${matched.length} selected scenario${matched.length === 1 ? "" : "s"}`);
    return EXIT.pass;
  }
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
    if (opts.preflight !== false && entries.length > 0 && !(await execPreflight(entries.map((s) => ({ program: s.program, scenario: s.scenario, source: s.file.source })), given, opts, host.env, err))) return EXIT.error;
  }
  const unusable =
    makeDirectory(opts.out, "--out", err) ??
    notADirectory(join(opts.out, "journal.jsonl"), "--out", err) ??
    notADirectory(opts.ledger, "--ledger", err) ??
    makeDirectory(dirname(opts.ledger), `--ledger ${opts.ledger}`, err);
  if (unusable !== undefined) return unusable;
  const output = () => execOutput(opts.format ?? "human", out, err, host.tty);
  if (checked.every((f) => f.program.scenarios.length === 0)) return await runNothing(checked, opts, output(), err);
  if (entries.length === 0) {
    // This shard's share of the selection is empty: the other shards run it all, so this is no failure.
    return await runNothing(checked, opts, output(), err, { reason: `shard ${opts.shard ?? ""} holds none of the ${matched.length} selected scenario${matched.length === 1 ? "" : "s"}; the other shards run them`, code: EXIT.pass });
  }
  for (const w of insecureWarnings(given, opts.env, entries.map((e) => e.program))) err(`xdc exec: warning: ${w}`);
  if (opts.every !== undefined) return await runEvery(opts.every, () => runOnce(entries, given, opts, host, out, err), opts, out, err);
  return await runOnce(entries, given, opts, host, out, err);
}

/** What the selection flags ask for, as `selectScenarios` takes it. */
function selectionOf(opts: ExecOptions): Selection {
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  return {
    ...(opts.tag !== undefined ? { tags: opts.tag.map(parseTagEntry) } : {}),
    ...(opts.excludeTag !== undefined ? { excludeTags: opts.excludeTag } : {}),
    ...(opts.grep !== undefined ? { grep: opts.grep } : {}),
    ...(shard !== undefined ? { shard } : {}),
  };
}

/** The selection flags as a phrase for a message. */
function describeSelection(opts: ExecOptions): string {
  const parts = [...(opts.tag ?? []).map((t) => `--tag ${t}`), ...(opts.excludeTag ?? []).map((t) => `--exclude-tag ${t}`), ...(opts.grep !== undefined ? [`--grep ${opts.grep.source}`] : [])];
  return parts.join(" ");
}

/** One run of the selection, holding the ledger's lock: a second exec (or a recover) must not undo or add to this run's faults. */
async function runOnce(entries: readonly Selected[], given: LiveEnvironment | undefined, opts: ExecOptions, host: ExecHost, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const lock = await lockLedger(opts.ledger);
  if (!lock.ok) {
    err(`xdc exec: ${lock.error.message}`);
    return EXIT.error;
  }
  try {
    return await runLocked(entries, given, opts, host, out, err);
  } finally {
    await lock.value.release();
  }
}

/** A journal the run writes: the run's own, or with repeats one per repeat (`repeat-K/`). */
interface RunJournal {
  readonly dir: string;
  readonly path: string;
  readonly seed: number;
  readonly events: JournalEvent[];
  readonly writer: ReturnType<typeof journalWriter>;
  readonly results: ScenarioResult[];
}

async function runLocked(entries: readonly Selected[], given: LiveEnvironment | undefined, opts: ExecOptions, host: ExecHost, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const leftovers = await checkNoOutstandingFaults(opts.ledger);
  if (!leftovers.ok) {
    err(`xdc exec: ${leftovers.error.message}`);
    return EXIT.error;
  }
  const ledger = await Ledger.open(opts.ledger);
  if (!ledger.ok) {
    err(`xdc exec: ${ledger.error.message}`);
    return EXIT.error;
  }
  try {
    return await runTasks(entries, given, ledger.value, opts, host, out, err);
  } finally {
    await ledger.value.close();
  }
}

async function runTasks(entries: readonly Selected[], given: LiveEnvironment | undefined, ledger: Ledger, opts: ExecOptions, host: ExecHost, stdout: (line: string) => void, err: (line: string) => void): Promise<number> {
  const output = execOutput(opts.format ?? "human", stdout, err, host.tty);
  const out = output.human;
  const seed = opts.seed ?? 1;
  const jobs = opts.jobs ?? 1;
  const clock = realClock();
  const started = new Date(wallTime(clock)).toISOString();
  const redactor = new Redactor();
  const paint = runPaint(host.colour === true);
  const repeated = entries.some((e) => repeatsOf(e, opts) > 1);
  const most = Math.max(...entries.map((e) => repeatsOf(e, opts)));
  mkdirSync(opts.out, { recursive: true });
  clearEarlierRepeats(opts.out);
  // Repeat K of every scenario goes into one journal, as one run of the selection would.
  const tasks: Task[] = [];
  for (let repeat = 1; repeat <= most; repeat++) for (const entry of entries) if (repeat <= repeatsOf(entry, opts)) tasks.push({ entry, repeat, repeats: repeatsOf(entry, opts), index: tasks.length });
  const journals = new Map<number, RunJournal>();
  for (let repeat = 1; repeat <= most; repeat++) {
    const dir = repeated ? join(opts.out, `repeat-${repeat}`) : opts.out;
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "journal.jsonl");
    rmSync(path, { force: true });
    const j: RunJournal = { dir, path, seed: seed + repeat - 1, events: [], writer: journalWriter(path), results: [] };
    journals.set(repeat, j);
    const files = [...new Set(tasks.filter((t) => t.repeat === repeat).map((t) => t.entry.file.path))];
    write(j, stamp(clock, { kind: "run.start", version: JOURNAL_VERSION, xdc: VERSION, seed: j.seed, environment: opts.env ?? "sim", files, host: hostname() }));
    for (const w of insecureWarnings(given, opts.env, entries.map((e) => e.program))) write(j, stamp(clock, { kind: "log", level: "warn", message: w }));
  }
  if (repeated) out(`${entries.length} scenario${entries.length === 1 ? "" : "s"}, ${tasks.length} runs in all; each repeat's journal and reports in ${join(opts.out, "repeat-K")}`);
  function write(j: RunJournal, e: JournalEvent): JournalEvent {
    const safe = redactor.redactValue(e);
    j.events.push(safe);
    j.writer.write(safe);
    output.event(safe);
    return safe;
  }
  const single = jobs === 1 ? new Progress(clock, output.tty, out, paint) : undefined;
  const parallel = jobs > 1 ? new ParallelProgress(clock, output.tty, out, paint) : undefined;
  const interrupt = new AbortController();
  const worlds = new Set<LiveWorld>();
  const remaining: string[] = [];
  const outcomes: RepeatRun[] = [];
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
  let code: number = EXIT.error;
  try {
    await runPool(tasks, {
      jobs,
      stop: interrupt.signal,
      // A journal tells scenarios apart by name: two of one name (from two files) never share one at the same time.
      keys: (t) => [...datacenterKeys(t.entry.scenario, given), `journal ${t.repeat}: ${t.entry.scenario.name}`],
      run: async (task, slot) => {
        const j = journals.get(task.repeat)!;
        const label = `${task.entry.scenario.name}${task.repeats > 1 ? ` #${task.repeat}` : ""}`;
        const header = task.repeats > 1 ? `repeat ${task.repeat} of ${task.repeats}` : undefined;
        if (single !== undefined && header !== undefined) single.note(header);
        const opened = parallel?.open(label, header);
        const view: ScenarioView = opened?.view ?? single!;
        let end: EventOf<"scenario.end"> | undefined;
        const checks: ObservedCheck[] = [];
        const sink: EventSink = {
          write: (e) => {
            view.event(write(j, e));
            if (e.kind === "scenario.end") end = e;
            const observed = observedCheck(e);
            if (observed !== undefined) checks.push(observed);
          },
        };
        try {
          const result = await runOne(task.entry.program, task.entry.scenario, task.entry.file.source, {
            opts, given, host, seed: j.seed, clock, redactor, sink, emit: (body, scenario) => sink.write(stamp(clock, body, scenario)), progress: view, interrupt: interrupt.signal, err, worlds, remaining, ledger,
            run: task.index === 0 ? runId(clock) : `${runId(clock)}-${task.index.toString(36)}`,
            // Side by side, each twin gets addresses of its own (127.N.x.y, N the slot's): they share nothing.
            network: jobs > 1 ? slot + 1 : 0,
            repeated: task.repeats > 1,
          });
          j.results.push(result);
          outcomes.push({ task, checks, ...(end !== undefined ? { end } : {}) });
          return result;
        } finally {
          opened?.close();
        }
      },
    });
  } finally {
    single?.stop();
    parallel?.stop();
    const interrupted = interrupt.signal.aborted;
    const summaries: string[] = [];
    for (const j of journals.values()) {
      const jCode = runExitCode(interrupted, j.results, remaining);
      write(j, stamp(clock, { kind: "run.end", exitCode: jCode, interrupted, verdicts: verdictCounts(j.results) }));
      j.writer.close();
      if (!repeated) {
        code = jCode;
        summaries.push(...summaryLines(j.events, paint), `journal: ${j.path}`);
      } else await writeRunReports(j.events, j.dir, opts, j.path, () => undefined, err);
    }
    const summary = repeated ? repeatsSummary(entries, outcomes, { opts, started, seed, interrupted, remaining }) : undefined;
    if (summary === undefined) {
      for (const line of summaries) out(line);
      const first = journals.get(1)!;
      output.end(first.path, await writeRunReports(first.events, opts.out, opts, first.path, out, err));
    } else {
      code = summary.exitCode;
      for (const line of repeatSummaryLines(summary, paint)) out(line);
      await writeRepeatsSummary(summary, opts.out, out, err);
      output.end(join(opts.out, "summary.json"), undefined);
    }
    if (opts.history !== undefined) {
      const run = historyRun({ started, finished: new Date(wallTime(clock)).toISOString(), exitCode: code, interrupted, environment: opts.env ?? "sim", shard: opts.shard, env: host.env }, outcomes.map((o) => ({ name: o.task.entry.scenario.name, file: o.task.entry.file.path, ...(o.end !== undefined ? { end: o.end } : {}) })), summary?.scenarios);
      await recordHistory(opts.history, run, runId(clock), out, err);
    }
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

/** The three reports beside the journal, and where they went; a report that cannot be written does not change the run's verdict. */
async function writeRunReports(
  events: readonly JournalEvent[],
  dir: string,
  opts: ExecOptions,
  journalPath: string,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<{ junit: string; json: string; html: string } | undefined> {
  try {
    const { writeReports } = await import("../report/write.js");
    const written = await writeReports(events, dir, opts.junitCases !== undefined ? { junitCases: opts.junitCases } : {});
    out(`reports: ${written.junit}, ${written.json}, ${written.html}`);
    return written;
  } catch (e) {
    err(`xdc exec: the reports could not be written (${(e as Error).message}); \`xdc report ${journalPath}\` renders them from the journal`);
    return undefined;
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
  readonly progress: ScenarioView;
  readonly interrupt: AbortSignal;
  readonly err: (line: string) => void;
  /** The worlds of the scenarios under way: what a second Ctrl-C asks what is still applied. */
  readonly worlds: Set<LiveWorld>;
  /** Faults still in effect after a scenario's final clean-up, one line each. */
  readonly remaining: string[];
  /** The run's ledger, open once and shared by the scenarios running side by side. */
  readonly ledger: Ledger;
  /** This scenario's id in the ledger and host tags: the run's, and for the second scenario on its own. */
  readonly run: string;
  /** The second octet of the embedded twin's addresses: its own when scenarios run side by side. */
  readonly network: number;
  /** One of several repeats: checks over repeats are recorded, and judged after the last. */
  readonly repeated: boolean;
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
      run: c.run,
      ledgerPath: c.opts.ledger,
      ledger: c.ledger,
      target: twin?.target,
      ssh,
      timeoutMs: twin ? 5_000 : 30_000,
    });
    if (!drivers.ok) return failed(c.redactor.redact(drivers.error));
    const world = new LiveWorld(drivers.value, { pollMs: c.opts.poll, onFaults: (f) => c.progress.faults(f), onLog: (level, m) => c.progress.log(level, m), onEvent: (e) => c.emit(e, scenario.name) });
    c.progress.watch(() => world.liveThroughput());
    c.worlds.add(world);
    try {
      const result = await runScenario(program, scenario, { clock: c.clock, world, journal: c.sink, interrupt: c.interrupt, pollMs: c.opts.poll, seed: c.seed, source, repeated: c.repeated });
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
