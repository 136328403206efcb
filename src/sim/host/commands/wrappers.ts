import { bash, dash } from "../shell/dialect.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";
import { sudoAllows } from "../switches.js";

const SUDO_USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]
usage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

const PASSWORD_REQUIRED = "sudo: a password is required\n";

/**
 * `sudo [-n] [-E] [-H] [-u USER] [--] COMMAND…` and `sudo -n -l [COMMAND…]`. Every user of a twin
 * host may run anything as root without a password (as the hosts of a test lab are usually set
 * up), unless the failure switch `sudo` takes that away (docs/twin.md): then a command it no
 * longer allows asks for a password, which `-n` turns into an error, as with a real sudoers file.
 */
export async function sudo(inv: Invocation): Promise<Outcome> {
  const args = inv.argv.slice(1);
  let user = "root";
  let list = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (arg === "-u" || arg === "--user") {
      const value = args[++i];
      if (value === undefined) {
        return complain(inv, `sudo: option requires an argument -- 'u'\n${SUDO_USAGE}`, 1);
      }
      user = value;
      continue;
    }
    if (arg === "-l" || arg === "--list" || /^-[nEHkSPl]+$/.test(arg)) {
      if (arg.includes("l")) list = true;
      continue;
    }
    if (arg === "--non-interactive" || arg === "--preserve-env") continue;
    if (arg.startsWith("-")) {
      return complain(inv, `sudo: invalid option -- '${arg.slice(1, 2)}'\n${SUDO_USAGE}`, 1);
    }
    break;
  }
  const command = args.slice(i);
  const switches = inv.host.switches;
  const root = inv.user === "root";
  if (list) return listRights(inv, command);
  if (command.length === 0) {
    return complain(inv, SUDO_USAGE, 1);
  }
  if (!root && !sudoAllows(switches, command[0]!)) return complain(inv, PASSWORD_REQUIRED, 1);
  const run = inv.exec(command, { user });
  if (!run) {
    return complain(inv, `sudo: ${command[0]}: command not found\n`, 1);
  }
  return run;
}

/**
 * `sudo -l`: the rules of the login user; `sudo -l COMMAND ARGS`: the command's full path and
 * arguments when a rule allows it (exit 0), nothing when none does (exit 1). Reads, runs nothing.
 */
function listRights(inv: Invocation, command: readonly string[]): Outcome {
  const s = inv.host.switches;
  const root = inv.user === "root";
  if (!root && s.sudo === false) return complain(inv, PASSWORD_REQUIRED, 1);
  if (command.length === 0) {
    const rules = root || s.sudo === true ? "ALL" : (s.sudo as readonly string[]).map((n) => inv.which(n) ?? n).join(", ");
    inv.out(`User ${inv.user} may run the following commands on ${inv.host.name}:\n    (ALL) NOPASSWD: ${rules}\n`);
    return { code: 0 };
  }
  const path = inv.which(command[0]!);
  if (path === undefined) return complain(inv, `sudo: ${command[0]}: command not found\n`, 1);
  if (!root && !sudoAllows(s, command[0]!)) return { code: 1 };
  inv.out(`${[path, ...command.slice(1)].join(" ")}\n`);
  return { code: 0 };
}

/** coreutils `nohup COMMAND…`: the command ignores SIGHUP. Output stays where it was redirected. */
export async function nohup(inv: Invocation): Promise<Outcome> {
  const command = inv.argv.slice(1)[0] === "--" ? inv.argv.slice(2) : inv.argv.slice(1);
  if (command.length === 0) {
    return complain(inv, "nohup: missing operand\nTry 'nohup --help' for more information.\n", 125);
  }
  const run = inv.exec(command, { nohup: true });
  if (!run) {
    return complain(inv, `nohup: failed to run command '${command[0]}': No such file or directory\n`, 127);
  }
  return run;
}

/** `sh -c SCRIPT [NAME ARGS…]` (dash's words) and `bash -c …` (bash's words). */
export async function shell(inv: Invocation): Promise<Outcome> {
  const name = inv.argv[0]!.slice(inv.argv[0]!.lastIndexOf("/") + 1);
  const isDash = name === "sh";
  const args = inv.argv.slice(1);
  const c = args.findIndex((a) => a === "-c" || /^-[a-z]*c[a-z]*$/.test(a));
  if (c < 0) {
    return complain(inv, `${name}: the xdc twin runs \`${name} -c SCRIPT' only (there is no terminal to read from)\n`, 2);
  }
  const script = args[c + 1];
  if (script === undefined) {
    return complain(inv, isDash ? `${name}: 0: -c requires an argument\n` : `${name}: -c: option requires an argument\n`, 2);
  }
  const [argv0 = name, ...positional] = args.slice(c + 2);
  return inv.script(script, isDash ? dash(argv0) : bash(argv0), positional);
}
