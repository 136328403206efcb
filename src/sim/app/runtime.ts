import type { StreamsInstance } from "../model/instance.js";
import { JobRuntime, type JobEnvironment } from "./job-runtime.js";

/**
 * The data flow and toolkit of every job of one datacenter, kept in step with the instance
 * model: a submitted job gets a JobRuntime, the model's PE events reach the job they belong
 * to, and a cancelled job says goodbye and goes.
 */
export class AppRuntime {
  private readonly runtimes = new Map<string, JobRuntime>();
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly env: JobEnvironment) {
    const instance: StreamsInstance = env.instance;
    const forPe = (id: string) => this.runtimes.get(id);
    this.unsubscribe = [
      instance.on("job-submitted", (e) => this.runtimes.set(e.job.id, new JobRuntime(env, e.job))),
      instance.on("job-canceled", (e) => {
        const runtime = this.runtimes.get(e.job.id);
        this.runtimes.delete(e.job.id);
        void runtime?.onCancelled();
      }),
      instance.on("pe-launched", (e) => forPe(e.pe.job.id)?.onPeLaunched(e.pe)),
      instance.on("pe-crashed", (e) => forPe(e.pe.job.id)?.onPeEnded(e.pe)),
      instance.on("pe-stopped", (e) => forPe(e.pe.job.id)?.onPeEnded(e.pe)),
      instance.on("pe-suspended", (e) => forPe(e.pe.job.id)?.onPeSuspended(e.pe)),
      instance.on("pe-resumed", (e) => forPe(e.pe.job.id)?.onPeResumed(e.pe)),
    ];
  }

  job(id: string): JobRuntime | undefined {
    return this.runtimes.get(id);
  }

  jobs(): JobRuntime[] {
    return [...this.runtimes.values()];
  }

  /** A host's CPU share changed: every job's processing rate follows. */
  refreshRates(): void {
    for (const r of this.runtimes.values()) r.refreshRate();
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    for (const r of this.runtimes.values()) r.dispose();
    this.runtimes.clear();
  }
}
