import { commandsWithout } from "./commands/registry.js";
import { HostState, type HostOptions } from "./host-state.js";
import { bash } from "./shell/dialect.js";
import { captureSink, drain, Shell } from "./shell/interpreter.js";
import { DEFAULT_HOST_SWITCHES, type HostSwitches } from "./switches.js";
import type { ExecResult, Flow, HostEvent, HostLoad, NetVerdict, Shaping, SimProcess } from "./types.js";

export type SimHostOptions = HostOptions;

/**
 * One simulated Linux host of the twin: a firewall and qdiscs that the twin's traffic asks
 * (`filter`, `shape`), a shell that runs xdc's fault commands (`exec`), the load stress-ng puts
 * on it (`load`), and a stream of changes for the ground truth (`on("change")`).
 */
export class SimHost {
  private readonly state: HostState;

  constructor(options: SimHostOptions) {
    this.state = new HostState(options);
  }

  get name(): string {
    return this.state.options.name;
  }

  get address(): string {
    return this.state.options.address;
  }

  /** iptables' verdict on a flow (INPUT for "in", OUTPUT for "out"); counts it on every rule it matched. */
  filter(flow: Flow, bytes = 0): NetVerdict {
    return this.state.ruleset.evaluate(flow, bytes, () => this.state.random());
  }

  /** What the egress qdisc of the flow's interface does to a message of `bytes` this host sends. */
  shape(flow: Flow, bytes: number): Shaping {
    return this.state.qdiscs.shape(flow, bytes, this.state.now(), () => this.state.random());
  }

  /**
   * Runs a command line as sshd would (`bash -c LINE` as `user`). It resolves when the command
   * is done and no background job still holds its output, as an SSH session would close.
   */
  async exec(commandLine: string, user: string): Promise<ExecResult> {
    const out = captureSink(true);
    const err = captureSink(true);
    const shell = new Shell({ host: this.state, commands: commandsWithout(this.state.switches.missing), loginUser: user, user, dialect: bash(), positional: [] });
    const outcome = await shell.runText(commandLine, { out, err });
    await drain(out, err);
    return { code: outcome.code, stdout: out.text(), stderr: err.text() };
  }

  /** The failure switches now in force (docs/twin.md). */
  get switches(): HostSwitches {
    return this.state.switches;
  }

  /** Changes some failure switches; the others keep their values. `reset` first puts every one back. */
  setSwitches(change: Partial<HostSwitches>, reset = false): void {
    this.state.switches = { ...(reset ? DEFAULT_HOST_SWITCHES : this.state.switches), ...change };
  }

  load(): HostLoad {
    return this.state.load();
  }

  on(event: "change", listener: (e: HostEvent) => void): void {
    if (event === "change") this.state.on(listener);
  }

  /** Every process of the host: the process table's and the host's own (stress-ng, sleep). */
  processes(): readonly SimProcess[] {
    return this.state.processes();
  }

  /** Ends the host's own jobs and their timers without events (the twin is shutting down). */
  dispose(): void {
    this.state.jobs.dispose();
  }
}
