/**
 * Values only a live run knows (a PE's pid, the run's id, the address xdc's SSH session comes
 * from), for the plan's commands. The fault builders check what they are given (a pid is a
 * whole number, a peer an IPv4 address), so each unknown goes in as a stand-in value of the
 * right shape, and every command word that is a stand-in is shown as what it stands for:
 * `kill -s KILL <pid of the PE running Ingest>`. Stand-ins are unlike anything a builder
 * writes itself: pids above any kernel's pid_max, addresses from 198.18.0.0/15 (reserved for
 * benchmarks), the highest port numbers (used only where every port is known only live).
 * Descriptions avoid `'`, so a shown command still reads as the shell would split it.
 */
export class Placeholders {
  private readonly words = new Map<string, string>();
  private count = 0;

  /** A process id. */
  pid(what: string): number {
    return Number(this.remember(String(4_000_000_001 + this.count), what));
  }

  /** An IPv4 address. */
  address(what: string): string {
    const n = this.count;
    return this.remember(`198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`, what);
  }

  /** A TCP port. */
  port(what: string): number {
    return Number(this.remember(String(65_535 - this.count), what));
  }

  /** An id of the REST API (a job's, a PE's): letters and digits. */
  restId(what: string): string {
    return this.remember(`xdcplaceholder${this.count}`, what);
  }

  /** A word a builder derives from a stand-in (a tag, a qdisc handle), shown as `what`. */
  derived(word: string, what: string): void {
    this.words.set(word, what);
  }

  /** The command line with every stand-in word replaced by what it stands for. */
  fill(line: string): string {
    return line
      .split(" ")
      .map((w) => this.words.get(w) ?? w)
      .join(" ");
  }

  private remember(word: string, what: string): string {
    this.count++;
    this.words.set(word, `<${what}>`);
    return word;
  }
}
