export type { DcRole, ObserverEvent } from "./types.js";
export type { DcReading } from "./reading.js";
export type { FlowProbe, ObservedDc } from "./probe.js";
export { RoleInference, type InferenceOptions } from "./infer.js";
export { observeFailover, type FailoverEvent, type FailoverObserver, type ObserverDeps, type ObserverOptions } from "./observer.js";
export { type BoundSettings, type DetectionBound } from "./bound.js";
export {
  type EffectiveSetting, type EffectiveToolkitSettings, type JobToolkit, type OperatorName, type SettingSource, type ToolkitKey, type ToolkitMode,
  type ToolkitSettingName, type ToolkitSettings,
} from "./settings.js";
