import { inputError, type FaultInputError } from "../faults/input.js";
import type { FaultPlan } from "../faults/types.js";
import { err, type Result } from "../result.js";
import { filterFault, type FilterFaultInput } from "./filter-fault.js";

/**
 * Drops each packet between `hosts` and `peers` with probability `lossPercent`, once in each
 * direction (INPUT from the peers, OUTPUT to them), by iptables' statistic match: unlike netem
 * loss, it spares xdc's own channels.
 */
export function packetLoss(input: FilterFaultInput & { readonly lossPercent: number }): Result<FaultPlan, FaultInputError> {
  const p = input.lossPercent;
  if (!(p > 0 && p <= 100)) return err(inputError(`packet_loss: a loss of ${p}% is not in (0%, 100%]`));
  const probability = String(Math.round(p * 1e4) / 1e6);
  return filterFault("packet_loss", `drop ${p}% of packets`, input, ["-m", "statistic", "--mode", "random", "--probability", probability]);
}
