// Exit codes are part of the CLI's contract: documented in --help and docs/cli.md.
export const EXIT = {
  pass: 0,
  fail: 1,
  usage: 2,
  error: 3,
  "no-data": 4,
  interrupted: 130,
} as const;
export type ExitName = keyof typeof EXIT;
