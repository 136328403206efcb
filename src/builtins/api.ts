import { T } from "../language/types.js";
import { cancelJob, stopInstance, stopPe } from "../drivers/api-faults/index.js";
import { err } from "../drivers/result.js";
import type { Builtin } from "./builtin.js";
import { ask, built, dcOf, faultError } from "./fault-plan.js";

export const api: readonly Builtin[] = [
  {
    name: "cancel_job",
    doc: "Cancels the application's job in a datacenter through the REST API; reverting submits it again.",
    category: "api",
    params: [
      { name: "app", type: T.Application, doc: "The application." },
      { name: "on", type: T.DC, doc: "The datacenter whose job to cancel." },
    ],
    returns: T.Fault,
    fault: {
      undo: "submit the job again as it was",
      lasting: true,
      plan: function* (i) {
        const app = i.args.get("app");
        const dc = dcOf(i, "on");
        if (app?.kind !== "app") return err(faultError("cancel_job: expected an application"));
        const endpoint = i.f.api(dc);
        if (!endpoint.ok) return endpoint;
        const jobId = yield* ask(i.f.jobId(app, dc));
        if (!jobId.ok) return jobId;
        const again = yield* ask(i.f.submission(app, dc));
        if (!again.ok) return again;
        return built(cancelJob({ run: i.f.run, id: i.id, dc, endpoint: endpoint.value, jobId: jobId.value, ...(again.value ? { resubmit: again.value } : {}) }));
      },
    },
    example: "cancel_job(app, on: dc1) for 2m",
    describe: (a) => `cancel the job of ${a["app"]} on ${a["on"]}`,
  },
  {
    name: "stop_pe",
    doc: "Stops a processing element through the REST API; reverting restarts it.",
    category: "api",
    params: [{ name: "pe", type: T.PE, doc: "The processing element." }],
    returns: T.Fault,
    fault: {
      undo: "restart the processing element",
      lasting: true,
      plan: function* (i) {
        const pe = i.args.get("pe");
        if (pe?.kind !== "pe") return err(faultError("stop_pe: expected a PE"));
        const endpoint = i.f.api(pe.dc);
        if (!endpoint.ok) return endpoint;
        const peId = yield* ask(i.f.peId(pe));
        return peId.ok ? built(stopPe({ run: i.f.run, id: i.id, dc: pe.dc, endpoint: endpoint.value, peId: peId.value })) : peId;
      },
    },
    example: `stop_pe(pe(app, "Ingest", on: dc1)) for 30s`,
    describe: (a) => `stop ${a["pe"]}`,
  },
  {
    name: "stop_instance",
    doc: "Stops the Streams instance of a datacenter, with every job in it; reverting starts it again.",
    category: "api",
    params: [{ name: "dc", type: T.DC, doc: "The datacenter whose instance to stop." }],
    returns: T.Fault,
    fault: {
      undo: "start the instance again",
      lasting: true,
      plan: (i) => {
        const dc = dcOf(i, "dc");
        const endpoint = i.f.api(dc);
        return endpoint.ok ? built(stopInstance({ run: i.f.run, id: i.id, dc, endpoint: endpoint.value })) : endpoint;
      },
    },
    example: "stop_instance(dc1) for 3m",
    describe: (a) => `stop the instance of ${a["dc"]}`,
  },
];
