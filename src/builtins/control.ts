import { T } from "../language/types.js";
import type { Builtin } from "./builtin.js";

export const control: readonly Builtin[] = [
  {
    name: "revert",
    doc: "Undoes a fault now, before its `for` (if any) runs out.",
    category: "control",
    params: [{ name: "fault", type: T.Fault, doc: "The fault, as bound by `let`." }],
    returns: T.nothing,
    example: `let cut = partition(dc1, dc2)
wait 30s
revert(cut)`,
    describe: (a) => `revert ${a["fault"]}`,
  },
  {
    name: "log",
    doc: "Writes a line to the journal and the console.",
    category: "control",
    params: [{ name: "message", type: T.String, template: true, doc: "The text; `{expression}` in it is replaced by the value, with its unit (`{{` and `}}` for braces)." }],
    returns: T.nothing,
    example: `let hold = 30s
log("partition starts, for {hold}")
partition(dc1, dc2) for hold`,
    describe: (a) => `log ${a["message"]}`,
  },
];
