import { T } from "../language/types.js";
import type { Builtin } from "./builtin.js";

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
    fault: { undo: "submit the job again as it was", lasting: true },
    example: "cancel_job(app, on: dc1) for 2m",
    describe: (a) => `cancel the job of ${a["app"]} on ${a["on"]}`,
  },
  {
    name: "stop_pe",
    doc: "Stops a processing element through the REST API; reverting restarts it.",
    category: "api",
    params: [{ name: "pe", type: T.PE, doc: "The processing element." }],
    returns: T.Fault,
    fault: { undo: "restart the processing element", lasting: true },
    example: `stop_pe(pe(app, "Ingest", on: dc1)) for 30s`,
    describe: (a) => `stop ${a["pe"]}`,
  },
  {
    name: "stop_instance",
    doc: "Stops the Streams instance of a datacenter, with every job in it; reverting starts it again.",
    category: "api",
    params: [{ name: "dc", type: T.DC, doc: "The datacenter whose instance to stop." }],
    returns: T.Fault,
    fault: { undo: "start the instance again", lasting: true },
    example: "stop_instance(dc1) for 3m",
    describe: (a) => `stop the instance of ${a["dc"]}`,
  },
];
