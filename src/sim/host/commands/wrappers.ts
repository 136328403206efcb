import { bash, dash } from "../shell/dialect.js";
import { complain, type Invocation, type Outcome } from "../shell/command.js";

const SUDO_USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]
usage: sudo [-ABbEHknPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]
usage: sudo -e [-ABknS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...
`;

/**
 * `sudo [-n] [-E] [-H] [-u USER] [--] COMMAND…`. Every user of a twin host may run anything as
 * root without a password (as the hosts of a test lab are usually set up), so `-n` never fails.
 */
export async function sudo(inv: Invocation): Promise<Outcome> {
  const args = inv.argv.slice(1);
  let user = "root";
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
    if (/^-[nEHkSP]+$/.test(arg) || arg === "--non-interactive" || arg === "--preserve-env") continue;
    if (arg.startsWith("-")) {
      return complain(inv, `sudo: invalid option -- '${arg.slice(1, 2)}'\n${SUDO_USAGE}`, 1);
    }
    break;
  }
  const command = args.slice(i);
  if (command.length === 0) {
    return complain(inv, SUDO_USAGE, 1);
  }
  const run = inv.exec(command, { user });
  if (!run) {
    return complain(inv, `sudo: ${command[0]}: command not found\n`, 1);
  }
  return run;
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
