import type { JobConfigOverlay, SubmitJobRequest } from "./api.js";

/**
 * The body of `POST {instance.jobs}` (reference §1.5): the bundle id as `application`, and one
 * job configuration overlay holding the job's name, group and submission-time parameters on
 * top of whatever else the caller's overlay says. The request's own fields win: the name is
 * what a retry looks the job up by, so the overlay cannot change it.
 */
export function submissionBody(r: SubmitJobRequest): Record<string, unknown> {
  const overlay: JobConfigOverlay = r.overlay ?? {};
  const jobConfig = overlay.jobConfig ?? {};
  const parameters = new Map<string, string>();
  for (const p of readParameters(jobConfig["submissionParameters"])) parameters.set(p.name, p.value);
  for (const [name, value] of Object.entries(r.parameters ?? {})) parameters.set(name, value);
  return {
    application: r.bundleId,
    preview: false,
    jobConfigurationOverlay: {
      jobConfigOverlays: [
        {
          ...overlay,
          jobConfig: {
            ...jobConfig,
            jobName: r.jobName,
            ...(r.jobGroup !== undefined ? { jobGroup: r.jobGroup } : {}),
            ...(parameters.size > 0 ? { submissionParameters: [...parameters].map(([name, value]) => ({ name, value })) } : {}),
          },
        },
      ],
    },
  };
}

function readParameters(raw: unknown): Array<{ name: string; value: string }> {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p: unknown) => {
    if (typeof p !== "object" || p === null) return [];
    const { name, value } = p as Record<string, unknown>;
    return typeof name === "string" ? [{ name, value: typeof value === "string" ? value : String(value ?? "") }] : [];
  });
}
