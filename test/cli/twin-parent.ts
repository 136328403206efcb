/**
 * A stand-in for `xdc exec` in a process of its own: it starts the twin exactly as exec does
 * (startTwinProcess), prints one JSON line with the twin's pid and state directory, and then
 * waits, so that the test can kill it with SIGKILL and watch what the twin does.
 * argv[2]: the `xdc` entry (bin/xdc.js).
 */
import { dirname } from "node:path";
import { startTwinProcess } from "../../src/cli/exec-twin.js";

const twin = await startTwinProcess({ xdc: process.argv[2]!, hosts: 1, seed: 3 });
console.log(JSON.stringify({ pid: twin.pid, stateDir: dirname(twin.envFile) }));
// Only the test's SIGKILL ends this process; the interval keeps it alive until then.
setInterval(() => {}, 60_000);
