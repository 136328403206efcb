import type { HostState } from "../host-state.js";
import { bsdTime, clockTime, elapsedTime, percent, startTime, type ProcessView } from "../proc/process-view.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";

interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: "left" | "right";
  value(v: ProcessView, host: HostState): string;
}

/** ps 8 characters of a user name, `+` when cut. */
const userName = (user: string) => (user.length > 8 ? `${user.slice(0, 7)}+` : user);
const pcpu = (v: ProcessView) => (v.elapsedMs > 0 ? (100 * v.cpuMs) / v.elapsedMs : 0);
const pmem = (v: ProcessView, host: HostState) => (100 * v.rssKib * 1024) / host.options.memoryBytes;

/** procps' format specifiers that the twin knows, with their headers and default widths. */
const COLUMNS: Readonly<Record<string, Column>> = (() => {
  const pid: Column = { header: "PID", width: 5, align: "right", value: (v) => String(v.proc.pid) };
  const ppid: Column = { header: "PPID", width: 5, align: "right", value: (v) => String(v.proc.ppid) };
  const user: Column = { header: "USER", width: 8, align: "left", value: (v) => userName(v.proc.user) };
  const uid: Column = { header: "UID", width: 5, align: "right", value: (v, h) => String(h.uid(v.proc.user)) };
  const stat: Column = { header: "STAT", width: 4, align: "left", value: (v) => v.stat };
  const state: Column = { header: "S", width: 1, align: "left", value: (v) => v.stat };
  const comm: Column = { header: "COMMAND", width: 15, align: "left", value: (v) => v.comm };
  const args: Column = { header: "COMMAND", width: 27, align: "left", value: (v) => v.cmdline };
  const etime: Column = { header: "ELAPSED", width: 11, align: "right", value: (v) => elapsedTime(v.elapsedMs) };
  const etimes: Column = { header: "ELAPSED", width: 7, align: "right", value: (v) => String(Math.floor(v.elapsedMs / 1000)) };
  const time: Column = { header: "TIME", width: 8, align: "right", value: (v) => clockTime(v.cpuMs) };
  const cpu: Column = { header: "%CPU", width: 4, align: "right", value: (v) => percent(pcpu(v)) };
  const mem: Column = { header: "%MEM", width: 4, align: "right", value: (v, h) => percent(pmem(v, h)) };
  const rss: Column = { header: "RSS", width: 5, align: "right", value: (v) => String(v.rssKib) };
  const vsz: Column = { header: "VSZ", width: 6, align: "right", value: (v) => String(v.rssKib) };
  const tty: Column = { header: "TT", width: 8, align: "left", value: () => "?" };
  const stime: Column = { header: "STIME", width: 5, align: "right", value: (v, h) => startTime(v.proc.startedAt, h.now()) };
  return {
    pid, tgid: pid, ppid, user, euser: user, uname: user, ruser: user, uid, euid: uid, stat, s: state, state,
    comm, ucomm: comm, ucmd: comm, args, cmd: args, command: args, etime, etimes, time, cputime: time,
    "%cpu": cpu, pcpu: cpu, "%mem": mem, pmem: mem, rss, rssize: rss, rsz: rss, vsz, vsize: vsz, tty, tt: tty, tname: tty,
    stime, start_time: stime,
  };
})();

const as = (column: Column, header: string, changes: Partial<Column> = {}): Column => ({ ...column, header, ...changes });

/** The fixed formats: plain `ps`, `ps -f`, and BSD `ps u`/`ps aux`. */
const FORMATS: Readonly<Record<"plain" | "full" | "bsd", readonly Column[]>> = {
  plain: [COLUMNS.pid!, as(COLUMNS.tty!, "TTY"), COLUMNS.time!, as(COLUMNS.comm!, "CMD")],
  full: [
    as(COLUMNS.user!, "UID"), COLUMNS.pid!, COLUMNS.ppid!,
    { header: "C", width: 2, align: "right", value: (v) => String(Math.floor(pcpu(v))) },
    COLUMNS.stime!, as(COLUMNS.tty!, "TTY"), COLUMNS.time!, as(COLUMNS.args!, "CMD"),
  ],
  bsd: [
    COLUMNS.user!, COLUMNS.pid!, COLUMNS["%cpu"]!, COLUMNS["%mem"]!, COLUMNS.vsz!, COLUMNS.rss!, as(COLUMNS.tty!, "TTY"),
    COLUMNS.stat!, as(COLUMNS.stime!, "START"), { header: "TIME", width: 6, align: "right", value: (v) => bsdTime(v.cpuMs) }, COLUMNS.args!,
  ],
};

interface Request {
  all: boolean;
  /** BSD `a` without `x`: processes with a terminal, and twin hosts have none. */
  ttyOnly: boolean;
  format: "plain" | "full" | "bsd";
  custom: Column[];
  pids: number[];
  comms: string[];
  users: string[];
  headers: boolean;
}

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

const list = (text: string) => text.split(/[,\s]+/).filter((x) => x !== "");

/** `pid,stat,args`, `pid=`, `pid=ID`: columns with their headers. */
function parseFormat(text: string): Column[] | string {
  const columns: Column[] = [];
  for (const item of text.split(/[,\s]+/).filter((x) => x !== "")) {
    const eq = item.indexOf("=");
    const name = eq < 0 ? item : item.slice(0, eq);
    const column = COLUMNS[name.toLowerCase()];
    if (!column) return `error: unknown user-defined format specifier "${name}"\n`;
    columns.push(eq < 0 ? column : as(column, item.slice(eq + 1)));
  }
  return columns;
}

function parseArgs(args: readonly string[]): Request | string {
  const req: Request = { all: false, ttyOnly: false, format: "plain", custom: [], pids: [], comms: [], users: [], headers: true };
  let bsdA = false;
  let bsdX = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (long) {
      const [, name, attached] = long;
      const value = () => attached ?? args[++i];
      if (name === "no-headers" || name === "no-heading") req.headers = false;
      else if (name === "pid") req.pids.push(...list(value() ?? "").map(Number));
      else if (name === "format") {
        const cols = parseFormat(value() ?? "");
        if (typeof cols === "string") return cols;
        req.custom.push(...cols);
      } else if (name === "user") req.users.push(...list(value() ?? ""));
      else return `error: unknown gnu long option\n${USAGE}`;
      continue;
    }
    const unix = arg.startsWith("-");
    const letters = unix ? arg.slice(1) : arg;
    for (let k = 0; k < letters.length; k++) {
      const c = letters[k]!;
      const rest = () => {
        const attached = letters.slice(k + 1);
        k = letters.length;
        return attached !== "" ? attached : args[++i];
      };
      if (unix && (c === "e" || c === "A")) req.all = true;
      else if (unix && c === "f") req.format = "full";
      else if (c === "o" || (unix && c === "O")) {
        const cols = parseFormat(rest() ?? "");
        if (typeof cols === "string") return cols;
        req.custom.push(...cols);
      } else if (c === "p" || (unix && c === "q")) req.pids.push(...list(rest() ?? "").map(Number));
      else if (unix && c === "C") req.comms.push(...list(rest() ?? ""));
      else if (unix && (c === "u" || c === "U")) req.users.push(...list(rest() ?? ""));
      else if (!unix && c === "a") bsdA = true;
      else if (!unix && c === "x") bsdX = true;
      else if (!unix && c === "u") req.format = "bsd";
      else if (!unix && c === "h") req.headers = false;
      else if (c === "w" || (!unix && c === "e")) continue;
      else return `error: unsupported ${unix ? "SysV" : "BSD"} option\n${USAGE}`;
    }
  }
  if (bsdA && bsdX) req.all = true;
  else if (bsdA) req.ttyOnly = true;
  return req;
}

function render(columns: readonly Column[], views: readonly ProcessView[], host: HostState, headers: boolean): string {
  const cell = (column: Column, text: string, last: boolean) =>
    column.align === "right" ? text.padStart(column.width) : last ? text : text.padEnd(column.width);
  const line = (texts: readonly string[]) => `${texts.map((t, i) => cell(columns[i]!, t, i === columns.length - 1)).join(" ").trimEnd()}\n`;
  const rows = views.map((v) => line(columns.map((c) => c.value(v, host))));
  const showHeader = headers && columns.some((c) => c.header !== "");
  return (showHeader ? line(columns.map((c) => c.header)) : "") + rows.join("");
}

/**
 * procps `ps`: `ps`, `ps -e`, `ps -ef`, `ps aux`, `ps -o LIST`, `ps -p PIDS`, `ps -C NAMES`,
 * `ps -u USERS`. Exits 1 when no process is listed.
 */
export function ps(inv: Invocation): Outcome {
  const req = parseArgs(inv.argv.slice(1));
  if (typeof req === "string") {
    return complain(inv, req, 1);
  }
  const selecting = req.pids.length > 0 || req.comms.length > 0 || req.users.length > 0;
  const views = inv.host.views().filter((v) => {
    if (req.all) return true;
    if (req.ttyOnly) return false;
    if (selecting) return req.pids.includes(v.proc.pid) || req.comms.includes(v.comm) || req.users.includes(v.proc.user);
    return v.proc.user === inv.user;
  });
  const columns = req.custom.length > 0 ? req.custom : FORMATS[req.format];
  inv.out(render(columns, views, inv.host, req.headers));
  return { code: views.length > 0 ? 0 : 1 };
}
