/**
 * One read at a time that may outlast the round that started it. A round takes what finished
 * within its patience; a read still going is left to finish and is taken by a later round, so a
 * slow answer from one source never holds back the others (a sink read every round while the
 * REST API takes 300 ms to answer).
 */
export class Slot<T> {
  private inflight: Promise<T> | undefined;
  private done: { readonly value: T } | undefined;

  /** Starts `start` unless a read is on its way; its value if it is done before `patience` settles, else undefined. */
  async take(start: () => Promise<T>, patience: Promise<void>): Promise<T | undefined> {
    if (!this.inflight) {
      const read = start();
      this.inflight = read;
      // Registered before the race below, so it has run by the time the race settles on `read`.
      void read.then((value) => (this.done = { value }));
    }
    await Promise.race([this.inflight, patience]);
    if (!this.done) return undefined;
    const { value } = this.done;
    this.done = undefined;
    this.inflight = undefined;
    return value;
  }

  /** Settles when the read on its way (if any) has. */
  async settled(): Promise<void> {
    await this.inflight;
  }
}
