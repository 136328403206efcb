/** API fault builders (cancel a job, stop a PE, stop an instance) and the port they run through. */
export { cancelJob, stopPe, stopInstance, type Resubmission } from "./api-faults.js";
export { streamsFaultPort } from "./streams-port.js";
export { connectFaultApis, type FaultApis } from "./connect.js";
export type { ApiFaultPort, ApiFaultError } from "./port.js";
