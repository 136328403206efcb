import { complain, type Invocation, type Outcome } from "../shell/command.js";

const fail = (inv: Invocation, message: string): Outcome => complain(inv, message, 1);

/** coreutils `nproc`: the host's cores. */
export function nproc(inv: Invocation): Outcome {
  const args = inv.argv.slice(1).filter((a) => a !== "--all");
  if (args.length > 0) return fail(inv, `nproc: invalid option -- '${args[0]!.replace(/^-+/, "")}'\nTry 'nproc --help' for more information.\n`);
  inv.out(`${inv.host.options.cores}\n`);
  return { code: 0 };
}

const FREE_UNITS: Readonly<Record<string, number>> = { "-b": 1, "--bytes": 1, "-k": 1024, "--kibi": 1024, "-m": 1024 ** 2, "--mebi": 1024 ** 2, "-g": 1024 ** 3, "--gibi": 1024 ** 3 };

/**
 * procps `free [-b|-k|-m|-g]`. The twin's memory model: stress-ng vm workers are the only
 * users of memory; there is no cache, no shared memory and no swap.
 */
export function free(inv: Invocation): Outcome {
  let unit = 1024;
  for (const arg of inv.argv.slice(1)) {
    const u = FREE_UNITS[arg];
    if (u === undefined) return fail(inv, `free: invalid option -- '${arg.replace(/^-+/, "")}'\n\nUsage:\n free [options]\n\nFor more details see free(1).\n`);
    unit = u;
  }
  const total = inv.host.options.memoryBytes;
  const used = inv.host.load().memoryBytes;
  const cells = (values: readonly number[]) => values.map((v) => String(Math.floor(v / unit)).padStart(12)).join("");
  inv.out(
    `${" ".repeat(8)}${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => h.padStart(12)).join("")}\n` +
      `${"Mem:".padEnd(8)}${cells([total, used, total - used, 0, 0, total - used])}\n` +
      `${"Swap:".padEnd(8)}${cells([0, 0, 0])}\n`,
  );
  return { code: 0 };
}

const two = (n: number) => String(n).padStart(2, "0");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** procps 4 `uptime` (and `-p`, `-s`), in UTC. The twin's sessions are not logged in users. */
export function uptime(inv: Invocation): Outcome {
  const now = inv.host.now();
  const booted = inv.host.bootedAt;
  const seconds = Math.max(0, Math.floor((now - booted) / 1000));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor(seconds / 3600) % 24;
  const minutes = Math.floor(seconds / 60) % 60;
  const option = inv.argv[1];
  if (option === "-s" || option === "--since") {
    const d = new Date(booted);
    inv.out(`${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}\n`);
    return { code: 0 };
  }
  if (option === "-p" || option === "--pretty") {
    const parts = [days > 0 ? plural(days, "day") : "", hours > 0 ? plural(hours, "hour") : "", minutes > 0 || (days === 0 && hours === 0) ? plural(minutes, "minute") : ""];
    inv.out(`up ${parts.filter(Boolean).join(", ")}\n`);
    return { code: 0 };
  }
  if (option !== undefined) return fail(inv, `uptime: invalid option -- '${option.replace(/^-+/, "")}'\n\nUsage:\n uptime [options]\n\nFor more details see uptime(1).\n`);
  const t = new Date(now);
  let text = ` ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} up `;
  if (days > 0) text += `${plural(days, "day")}, `;
  text += hours > 0 ? `${String(hours).padStart(2)}:${two(minutes)}, ` : `${minutes} min, `;
  // procps 4.0.2 as shipped in Debian 12 says "0 user" for no users.
  text += ` 0 user, `;
  const [a = 0, b = 0, c = 0] = inv.host.loadAverages();
  text += ` load average: ${a.toFixed(2)}, ${b.toFixed(2)}, ${c.toFixed(2)}\n`;
  inv.out(text);
  return { code: 0 };
}

/** `hostname [-s|-f|-i|-I]`. */
export function hostname(inv: Invocation): Outcome {
  const option = inv.argv[1];
  const name = inv.host.name;
  const address = inv.host.options.address;
  const answers: Readonly<Record<string, string>> = { "": name, "-s": name.split(".")[0]!, "-f": name, "--fqdn": name, "-i": address, "-I": `${address} ` };
  const answer = answers[option ?? ""];
  if (answer === undefined) {
    if (option !== undefined && !option.startsWith("-")) return fail(inv, "hostname: you must be root to change the host name\n");
    return fail(inv, `hostname: invalid option -- '${(option ?? "").replace(/^-+/, "")}'\nTry 'hostname --help' or 'hostname --usage' for more information.\n`);
  }
  inv.out(`${answer}\n`);
  return { code: 0 };
}

/** coreutils `id [-u|-g] [-n] [USER]`; users are the login user, root, and owners of processes. */
export function id(inv: Invocation): Outcome {
  let field: "u" | "g" | undefined;
  let name = false;
  let user = inv.user;
  for (const arg of inv.argv.slice(1)) {
    if (/^-[ugn]+$/.test(arg)) {
      for (const c of arg.slice(1)) {
        if (c === "n") name = true;
        else field = c as "u" | "g";
      }
    } else if (arg === "--user") field = "u";
    else if (arg === "--group") field = "g";
    else if (arg === "--name") name = true;
    else if (arg.startsWith("-")) return fail(inv, `id: invalid option -- '${arg.replace(/^-+/, "")}'\nTry 'id --help' for more information.\n`);
    else user = arg;
  }
  const known = new Set(["root", inv.loginUser, inv.user, ...inv.host.processes().map((p) => p.user), ...Object.keys(inv.host.options.uids ?? {})]);
  if (!known.has(user)) return fail(inv, `id: '${user}': no such user\n`);
  if (name && !field) return fail(inv, "id: cannot print only names or real IDs in default format\n");
  const uid = inv.host.uid(user);
  if (field) inv.out(`${name ? user : uid}\n`);
  else inv.out(`uid=${uid}(${user}) gid=${uid}(${user}) groups=${uid}(${user})\n`);
  return { code: 0 };
}
