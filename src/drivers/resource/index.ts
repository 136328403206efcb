/** Resource fault builders: CPU, memory and disk load with stress-ng, always bounded. */
export { stress, type StressLoad } from "./stress.js";
