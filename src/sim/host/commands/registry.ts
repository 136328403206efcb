import type { Builtin, Commands, ProgramEntry } from "../shell/interpreter.js";
import { commandBuiltin, echo, exitBuiltin, falseCommand, sleep, trueCommand, which } from "./basic.js";
import { killBuiltin, killProgram } from "./kill.js";
import { iptables, tc } from "./network.js";
import { pgrep, pkill } from "./pgrep.js";
import { ps } from "./ps.js";
import { stressNg } from "./stress-ng.js";
import { free, hostname, id, nproc, uptime } from "./system-info.js";
import { date, modprobe } from "./clock-modules.js";
import { nohup, shell, sudo } from "./wrappers.js";

/** The programs of a twin host, where Debian 12 installs them. */
const PROGRAMS: ReadonlyMap<string, ProgramEntry> = programTable(() => PROGRAMS);

function programTable(visible: () => ReadonlyMap<string, ProgramEntry>): ReadonlyMap<string, ProgramEntry> {
  return new Map(
  (
    [
      ["iptables", "/usr/sbin/iptables", iptables],
      ["tc", "/usr/sbin/tc", tc],
      ["kill", "/usr/bin/kill", killProgram],
      ["pkill", "/usr/bin/pkill", pkill],
      ["pgrep", "/usr/bin/pgrep", pgrep],
      ["ps", "/usr/bin/ps", ps],
      ["stress-ng", "/usr/bin/stress-ng", stressNg],
      ["nproc", "/usr/bin/nproc", nproc],
      ["free", "/usr/bin/free", free],
      ["uptime", "/usr/bin/uptime", uptime],
      ["hostname", "/usr/bin/hostname", hostname],
      ["id", "/usr/bin/id", id],
      ["which", "/usr/bin/which", which((name) => visible().get(name)?.path)],
      ["sudo", "/usr/bin/sudo", sudo],
      ["nohup", "/usr/bin/nohup", nohup],
      ["sh", "/usr/bin/sh", shell],
      ["bash", "/usr/bin/bash", shell],
      ["echo", "/usr/bin/echo", echo],
      ["true", "/usr/bin/true", trueCommand],
      ["false", "/usr/bin/false", falseCommand],
      ["sleep", "/usr/bin/sleep", sleep],
      ["date", "/usr/bin/date", date],
      ["modprobe", "/usr/sbin/modprobe", modprobe],
    ] as const
  ).map(([name, path, run]) => [name, { path, run }]),
  );
}

/** bash's builtins that matter on a twin host. */
const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["echo", echo],
  ["true", trueCommand],
  ["false", falseCommand],
  [":", trueCommand],
  ["exit", exitBuiltin],
  ["kill", killBuiltin],
  ["command", commandBuiltin],
]);

/** What the twin's shells run. */
export const COMMANDS: Commands = { programs: PROGRAMS, builtins: BUILTINS };

/**
 * What a host's shells run when it lacks some programs (the failure switch `missing`): the
 * same table without them, `which` included. Kernel modules in the list are modprobe's concern.
 */
export function commandsWithout(missing: readonly string[]): Commands {
  if (!missing.some((m) => PROGRAMS.has(m))) return COMMANDS;
  const programs: ReadonlyMap<string, ProgramEntry> = new Map([...programTable(() => programs)].filter(([name]) => !missing.includes(name)));
  return { programs, builtins: BUILTINS };
}
