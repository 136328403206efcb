import type { FaultInputError } from "../faults/input.js";
import type { FaultPlan } from "../faults/types.js";
import type { Result } from "../result.js";
import { filterFault, type FilterFaultInput } from "./filter-fault.js";

/** Cuts every packet between `hosts` and `peers`, both ways, except xdc's own channels. */
export const partition = (input: FilterFaultInput): Result<FaultPlan, FaultInputError> => filterFault("partition", "partition", input, []);

/** `partition` with every other datacenter as the peers. */
export const isolate = (input: FilterFaultInput): Result<FaultPlan, FaultInputError> => filterFault("isolate", "isolate", input, []);
