/** Process fault builders (kill, pause) and finding a PE's process from the REST API's view of it. */
export { killPes, pausePes, type KillSignal, type PeProcess } from "./signals.js";
export { locatePes, type PeView } from "./locate.js";
