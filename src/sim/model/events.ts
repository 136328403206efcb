/** A small typed event emitter: listeners of one event run in order of registration. */
export class Emitter<Events extends { [K in keyof Events]: object }> {
  private readonly listeners = new Map<keyof Events, Array<(e: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (e: Events[K]) => void): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as (e: never) => void);
    this.listeners.set(event, list);
    return () => this.off(event, listener);
  }

  off<K extends keyof Events>(event: K, listener: (e: Events[K]) => void): void {
    const list = this.listeners.get(event);
    if (list) this.listeners.set(event, list.filter((l) => l !== listener));
  }

  /**
   * Calls every listener, even when one throws, then rethrows the first error: the model's
   * state is already consistent when events go out, and a broken listener must not starve
   * the others nor pass unnoticed.
   */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) return;
    let first: unknown;
    let failed = false;
    for (const listener of [...list]) {
      try {
        (listener as (e: Events[K]) => void)(payload);
      } catch (e) {
        if (!failed) first = e;
        failed = true;
      }
    }
    if (failed) throw first;
  }
}
