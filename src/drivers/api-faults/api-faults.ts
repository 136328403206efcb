import { inputError, type FaultInputError } from "../faults/input.js";
import { SAFE_ID, type Action, type ApiCall, type ApiEndpoint, type Check, type FaultPlan } from "../faults/types.js";
import { err, ok, type Result } from "../result.js";

/**
 * Faults made through the Streams REST API of one datacenter. A probe's answer is one line:
 * the job's, PE's or instance's `status`, or `absent` when the API answers 404.
 */
interface ApiFaultInput {
  readonly run: string;
  readonly id: string;
  /** The datacenter whose instance the calls go to. */
  readonly dc: string;
  readonly endpoint: ApiEndpoint;
}

const call = (dc: string, c: ApiCall): Action => ({ via: "api", dc, call: c });
const status = (what: string, dc: string, probe: ApiCall, pattern: string): Check => ({ what, probe: call(dc, probe), expect: { exit: [0], pattern, min: 1, max: 1 } });
const REST_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function problem(kind: string, input: ApiFaultInput, ids: readonly string[]): FaultInputError | undefined {
  if (!SAFE_ID.test(input.run) || !SAFE_ID.test(input.id)) return inputError(`${kind}: run and fault ids use letters, digits, - and _`);
  if (!SAFE_ID.test(input.dc)) return inputError(`${kind}: \`${input.dc}\` is not a datacenter name`);
  if (!ENV_NAME.test(input.endpoint.passwordEnv)) return inputError(`${kind}: \`${input.endpoint.passwordEnv}\` is not the name of an environment variable`);
  if (!URL.canParse(input.endpoint.url)) return inputError(`${kind}: \`${input.endpoint.url}\` is not a URL`);
  const bad = ids.find((id) => !REST_ID.test(id));
  return bad === undefined ? undefined : inputError(`${kind}: \`${bad}\` is not a REST id`);
}

const plan = (input: ApiFaultInput, kind: FaultPlan["kind"], summary: string, parts: Pick<FaultPlan, "apply" | "verify" | "undo" | "verifyUndone">): FaultPlan => ({
  id: input.id,
  run: input.run,
  kind,
  summary,
  hosts: {},
  apis: { [input.dc]: input.endpoint },
  ...parts,
});

/** How a cancelled job was submitted: what its undo submits again. */
export interface Resubmission {
  /** The bundle file on xdc's machine. */
  readonly bundle: string;
  readonly jobName: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Cancels a job. Streams cannot take a cancel back, so the undo submits the job again as it was
 * submitted (bundle, name, parameters), and its check is that a job of that name runs: the plan
 * holds all of it, so `xdc recover` can do it after a crash as the run would have. Without a
 * resubmission (a job xdc did not submit) there is nothing to undo.
 */
export function cancelJob(input: ApiFaultInput & { readonly jobId: string; readonly resubmit?: Resubmission }): Result<FaultPlan, FaultInputError> {
  const why = problem("cancel_job", input, [input.jobId]);
  if (why) return err(why);
  const again = input.resubmit;
  return ok(
    plan(input, "cancel_job", `cancel job ${input.jobId} on ${input.dc}`, {
      apply: [call(input.dc, { op: "cancelJob", jobId: input.jobId })],
      verify: [status(`job ${input.jobId} is gone from ${input.dc}`, input.dc, { op: "jobStatus", jobId: input.jobId }, "^(absent|canceled|canceling)$")],
      undo: again ? [call(input.dc, { op: "submitJob", bundle: again.bundle, jobName: again.jobName, parameters: again.parameters })] : [],
      verifyUndone: again ? [status(`job ${again.jobName} runs on ${input.dc} again`, input.dc, { op: "jobNamed", jobName: again.jobName }, "^running$")] : [],
    }),
  );
}

/** Stops a PE; the undo restarts it. */
export function stopPe(input: ApiFaultInput & { readonly peId: string }): Result<FaultPlan, FaultInputError> {
  const why = problem("stop_pe", input, [input.peId]);
  if (why) return err(why);
  const probe: ApiCall = { op: "peStatus", peId: input.peId };
  return ok(
    plan(input, "stop_pe", `stop PE ${input.peId} on ${input.dc}`, {
      apply: [call(input.dc, { op: "stopPe", peId: input.peId })],
      verify: [status(`PE ${input.peId} on ${input.dc} is stopped`, input.dc, probe, "^(stopped|stopping)$")],
      undo: [call(input.dc, { op: "restartPe", peId: input.peId })],
      verifyUndone: [status(`PE ${input.peId} on ${input.dc} is running again`, input.dc, probe, "^(running|starting|restarting)$")],
    }),
  );
}

/** Stops the datacenter's instance with every job in it; the undo starts it. */
export function stopInstance(input: ApiFaultInput): Result<FaultPlan, FaultInputError> {
  const why = problem("stop_instance", input, []);
  if (why) return err(why);
  const probe: ApiCall = { op: "instanceStatus" };
  return ok(
    plan(input, "stop_instance", `stop the instance of ${input.dc}`, {
      apply: [call(input.dc, { op: "stopInstance" })],
      verify: [status(`the instance of ${input.dc} is stopped`, input.dc, probe, "^(stopped|stopping)$")],
      undo: [call(input.dc, { op: "startInstance" })],
      verifyUndone: [status(`the instance of ${input.dc} runs again`, input.dc, probe, "^(running|starting)$")],
    }),
  );
}
