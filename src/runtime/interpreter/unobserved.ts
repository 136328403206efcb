import type { Unobserved } from "../sightings.js";
import { duration } from "./source.js";

/**
 * The rule that tells "it did not happen" from "it could not be watched" when an `await` runs
 * out (docs/language.md, "await"). A stretch counts as unobserved when nothing was seen of the
 * awaited thing for longer than the grace: shorter ones are the ordinary resolution of polling
 * a flaky API, and a takeover is a lasting state, seen after such a blip. When the unobserved
 * stretches add up to more than a tenth of the window, the await cannot say that the thing did
 * not happen: it ends in an error of the control plane, not in a failure of the system.
 */
export const UNOBSERVED_SHARE = 0.1;

/** Five polls, and never under a second: a few lost answers in a row are no blindness. */
export const unobservedGraceMs = (pollMs: number): number => Math.max(1_000, 5 * pollMs);

/** Why the await's "not met" cannot be trusted, or undefined when the window was watched well enough. */
export function unobservedReason(stretches: readonly Unobserved[], windowStartMs: number, windowMs: number): string | undefined {
  const total = stretches.reduce((sum, s) => sum + (s.toMs - s.fromMs), 0);
  if (stretches.length === 0 || total <= UNOBSERVED_SHARE * windowMs) return undefined;
  const longest = stretches.reduce((l, s) => (s.toMs - s.fromMs > l.toMs - l.fromMs ? s : l));
  const share = Math.round((100 * total) / windowMs);
  return (
    `the control plane could not be observed: unseen for ${duration(total)} of the ${duration(windowMs)} window (${share}%, more than ${Math.round(UNOBSERVED_SHARE * 100)}% allowed), ` +
    `longest from +${duration(longest.fromMs - windowStartMs)} to +${duration(longest.toMs - windowStartMs)}: ${longest.why}`
  );
}
