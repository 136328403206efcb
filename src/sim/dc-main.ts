// The entry of one datacenter process of the twin (bundled to dist/sim-dc.js). `xdc sim`
// spawns it with an IPC channel, sends its configuration, and hears its events. When the
// coordinator goes away (the channel closes) the datacenter goes too: nothing is left behind.
import { startDatacenter, type Datacenter } from "./dc/datacenter.js";
import type { FromDc, ToDc } from "./dc/ipc.js";

function main(): void {
  const state: { dc?: Datacenter; stopping: boolean } = { stopping: false };
  const tell = (message: FromDc): void => {
    if (process.connected) process.send?.(message);
  };
  const log = (line: string) => console.error(`${new Date().toISOString()} ${line}`);

  const shutdown = async (code: number): Promise<void> => {
    if (!state.stopping) {
      state.stopping = true;
      await state.dc?.stop().catch((e: unknown) => log(`stopping: ${String(e)}`));
    }
    process.exit(code);
  };

  process.on("message", (message: ToDc) => {
    switch (message.type) {
      case "start":
        startDatacenter(message.config, (event, time) => tell({ type: "event", event, time })).then(
          (started) => {
            state.dc = started;
            tell({ type: "ready", ready: { ...started.ready, pid: process.pid } });
            log(`datacenter ${message.config.name} ready at ${started.ready.address}:${started.ready.port}`);
          },
          (e: unknown) => {
            const text = e instanceof Error ? e.message : String(e);
            log(`datacenter ${message.config.name} failed to start: ${text}`);
            tell({ type: "failed", message: text });
            void shutdown(1);
          },
        );
        break;
      case "peers":
        state.dc?.setPeers(message.peers);
        break;
      case "stop":
        void shutdown(0);
        break;
    }
  });

  // The coordinator died or let go: a datacenter never outlives it.
  process.on("disconnect", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  // Ctrl-C in a terminal reaches the whole process group; the coordinator decides what happens.
  process.on("SIGINT", () => {});
  process.on("uncaughtException", (e) => {
    log(`internal error: ${e.stack ?? e.message}`);
    void shutdown(3);
  });
  tell({ type: "hello" });
}

main();
