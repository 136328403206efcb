// The entry of one datacenter process of the twin (bundled to dist/sim-dc.js). `xdc sim`
// spawns it with an IPC channel, sends its configuration, and hears its events. When the
// coordinator goes away (the channel closes) the datacenter goes too: nothing is left behind.
import { rmSync } from "node:fs";
import { startDatacenter, type Datacenter } from "./dc/datacenter.js";
import type { FromDc, ToDc } from "./dc/ipc.js";

// Nobody waits for an orphaned datacenter: a stop that hangs must not keep it alive.
const STOP_DEADLINE_MS = 5000;

function main(): void {
  const state: { dc?: Datacenter; stopping: boolean; orphanedStateDir?: string } = { stopping: false };
  const tell = (message: FromDc): void => {
    if (process.connected) process.send?.(message);
  };
  const log = (line: string) => console.error(`${new Date().toISOString()} ${line}`);

  const shutdown = async (code: number): Promise<void> => {
    if (!state.stopping) {
      state.stopping = true;
      setTimeout(() => process.exit(code), STOP_DEADLINE_MS).unref();
      await state.dc?.stop().catch((e: unknown) => log(`stopping: ${String(e)}`));
    }
    process.exit(code);
  };

  // Every datacenter of a dead coordinator does this; whichever comes second finds little or
  // nothing left, which `force` and the retries absorb.
  const removeOrphanedState = (): void => {
    if (state.orphanedStateDir === undefined) return;
    try {
      rmSync(state.orphanedStateDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
    } catch (e) {
      log(`the coordinator is gone; cannot remove its state directory ${state.orphanedStateDir}: ${String(e)}`);
    }
  };

  process.on("message", (message: ToDc) => {
    switch (message.type) {
      case "start":
        if (message.config.orphanedStateDir !== undefined) state.orphanedStateDir = message.config.orphanedStateDir;
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
      case "switches": {
        const error = state.dc ? state.dc.setSwitches(message.change) : "the datacenter has not started";
        tell({ type: "switched", id: message.id, ...(error !== undefined ? { error } : {}) });
        break;
      }
      case "stop":
        void shutdown(0);
        break;
    }
  });

  // The coordinator died or let go: a datacenter never outlives it. A coordinator that stops
  // the twin says `stop` and waits for the exit, so a disconnect first means it died.
  process.on("disconnect", () => {
    removeOrphanedState();
    void shutdown(0);
  });
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
