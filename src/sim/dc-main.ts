// The entry of one datacenter process of the twin (bundled to dist/sim-dc.js). `xdc sim`
// spawns it with an IPC channel, sends its configuration, and hears its events. When the
// coordinator goes away (the channel closes) the datacenter goes too: nothing is left behind.
import { startDatacenter, type Datacenter } from "./dc/datacenter.js";
import type { FromDc, ToDc } from "./dc/ipc.js";

let dc: Datacenter | undefined;
let stopping = false;

const tell = (message: FromDc): void => {
  if (process.connected) process.send?.(message);
};

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await dc?.stop().catch((e: unknown) => console.error(`xdc sim: stopping: ${String(e)}`));
  }
  process.exit(code);
}

process.on("message", (message: ToDc) => {
  switch (message.type) {
    case "start":
      startDatacenter(message.config, (event, time) => tell({ type: "event", event, time })).then(
        (started) => {
          dc = started;
          tell({ type: "ready", ready: { ...started.ready, pid: process.pid } });
          console.error(`${new Date().toISOString()} datacenter ${message.config.name} ready at ${started.ready.address}:${started.ready.port}`);
        },
        (e: unknown) => {
          const text = e instanceof Error ? e.message : String(e);
          console.error(`${new Date().toISOString()} datacenter ${message.config.name} failed to start: ${text}`);
          tell({ type: "failed", message: text });
          void shutdown(1);
        },
      );
      break;
    case "peers":
      dc?.setPeers(message.peers);
      break;
    case "stop":
      void shutdown(0);
      break;
  }
});

tell({ type: "hello" });

// The coordinator died or let go: a datacenter never outlives it.
process.on("disconnect", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// Ctrl-C in the terminal reaches the whole process group; the coordinator decides.
process.on("SIGINT", () => {});
process.on("uncaughtException", (e) => {
  console.error(`${new Date().toISOString()} internal error: ${e.stack ?? e.message}`);
  void shutdown(3);
});
