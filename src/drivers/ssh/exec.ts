import type { Client, ClientChannel } from "ssh2";
import type { Clock } from "../../runtime/clock.js";
import { type ExecResult, type SshError } from "./types.js";
import { err, ok, type Result } from "../result.js";

/** What a command may print before the rest is dropped: fault commands print little. */
const OUTPUT_LIMIT = 1 << 20;

/** Collects a stream's text up to OUTPUT_LIMIT characters. */
function collector() {
  let text = "";
  return {
    add: (chunk: Buffer) => {
      if (text.length < OUTPUT_LIMIT) text += chunk.toString("utf8");
    },
    get text() {
      return text.length > OUTPUT_LIMIT ? `${text.slice(0, OUTPUT_LIMIT)}\n[output cut at ${OUTPUT_LIMIT} characters]\n` : text;
    },
  };
}

/** Sends KILL to a command and closes its channel; a channel whose connection is gone needs neither. */
function stopRemote(channel: ClientChannel | undefined): void {
  try {
    channel?.signal("KILL");
    channel?.close();
  } catch {
    // The connection went away: the pool opens a new one for the next command.
  }
}

/**
 * Runs one command line on an open connection: its exit status, stdout and stderr, or an
 * error. `channel` means the command never started (safe to retry elsewhere); `closed` and
 * `timeout` mean it may have run, partly or wholly. On a timeout the channel is sent KILL
 * (honoured by OpenSSH 7.9 and newer) and closed.
 */
export function execOn(client: Client, host: string, line: string, timeoutMs: number, clock: Clock): Promise<Result<ExecResult, SshError>> {
  return new Promise((resolve) => {
    const stop = new AbortController();
    let settled = false;
    const settle = (r: Result<ExecResult, SshError>) => {
      if (settled) return;
      settled = true;
      stop.abort();
      resolve(r);
    };
    let channel: ClientChannel | undefined;
    clock.sleep(timeoutMs, stop.signal).then(
      () => {
        if (settled) return;
        stopRemote(channel);
        settle(err({ code: "timeout", host, message: `\`${line}\` on ${host} did not finish within ${timeoutMs} ms` }));
      },
      () => undefined,
    );
    const refused = (e: Error) => settle(err({ code: "channel", host, message: `${host} refused a command channel: ${e.message}` }));
    // ssh2 throws at once ("Not connected") on a connection that has just gone.
    try {
      client.exec(line, (e, ch) => (e ? refused(e) : collect(ch)));
    } catch (e) {
      refused(e as Error);
    }
    function collect(ch: ClientChannel): void {
      // A channel that opens after the time is up is closed at once.
      if (settled) return stopRemote(ch);
      channel = ch;
      const stdout = collector();
      const stderr = collector();
      let exitCode: number | null = null;
      let signal: string | null = null;
      let exited = false;
      ch.on("data", stdout.add);
      ch.stderr.on("data", stderr.add);
      ch.on("exit", (code: number | null, signalName?: string) => {
        exited = true;
        exitCode = typeof code === "number" ? code : null;
        signal = signalName ?? null;
      });
      ch.on("close", () => {
        if (!exited && exitCode === null && signal === null) {
          settle(err({ code: "closed", host, message: `the connection to ${host} ended while \`${line}\` ran; it may or may not have taken effect` }));
          return;
        }
        settle(ok({ exitCode, signal, stdout: stdout.text, stderr: stderr.text }));
      });
    }
  });
}
