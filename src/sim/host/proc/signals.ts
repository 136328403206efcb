/** Linux x86-64 signals: number, name (without SIG) and what a process does by default. */
export type SignalAction = "term" | "core" | "stop" | "cont" | "ignore";

export interface SignalInfo {
  readonly num: number;
  readonly name: string;
  readonly action: SignalAction;
}

const CLASSIC: readonly (readonly [string, SignalAction])[] = [
  ["HUP", "term"], ["INT", "term"], ["QUIT", "core"], ["ILL", "core"], ["TRAP", "core"], ["ABRT", "core"],
  ["BUS", "core"], ["FPE", "core"], ["KILL", "term"], ["USR1", "term"], ["SEGV", "core"], ["USR2", "term"],
  ["PIPE", "term"], ["ALRM", "term"], ["TERM", "term"], ["STKFLT", "term"], ["CHLD", "ignore"], ["CONT", "cont"],
  ["STOP", "stop"], ["TSTP", "stop"], ["TTIN", "stop"], ["TTOU", "stop"], ["URG", "ignore"], ["XCPU", "core"],
  ["XFSZ", "core"], ["VTALRM", "term"], ["PROF", "term"], ["WINCH", "ignore"], ["IO", "term"], ["PWR", "term"],
  ["SYS", "core"],
];

const realtimeName = (num: number) => (num <= 49 ? (num === 34 ? "RTMIN" : `RTMIN+${num - 34}`) : num === 64 ? "RTMAX" : `RTMAX-${64 - num}`);

/** Signals 1–31 and the real-time ones 34–64 (32 and 33 belong to the C library). */
export const SIGNALS: readonly SignalInfo[] = [
  ...CLASSIC.map(([name, action], i) => ({ num: i + 1, name, action })),
  ...Array.from({ length: 31 }, (_, i) => ({ num: 34 + i, name: realtimeName(34 + i), action: "term" as const })),
];

const BY_NUM = new Map(SIGNALS.map((s) => [s.num, s]));
const BY_NAME = new Map(SIGNALS.map((s) => [s.name, s]));
/** Other spellings the tools accept. */
const ALIASES: Readonly<Record<string, string>> = { POLL: "IO", IOT: "ABRT", CLD: "CHLD" };

export const signalByNumber = (num: number): SignalInfo | undefined => BY_NUM.get(num);

/** `9`, `KILL`, `SIGKILL`, `kill`: a signal, or undefined. `0` is the existence check, named "0". */
export function parseSignal(spec: string): SignalInfo | { num: 0; name: "0"; action: "ignore" } | undefined {
  if (/^\d+$/.test(spec)) {
    const num = Number(spec);
    if (num === 0) return { num: 0, name: "0", action: "ignore" };
    return BY_NUM.get(num);
  }
  const upper = spec.toUpperCase();
  const bare = upper.startsWith("SIG") ? upper.slice(3) : upper;
  return BY_NAME.get(ALIASES[bare] ?? bare);
}
