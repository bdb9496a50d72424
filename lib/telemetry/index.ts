/** OpenTelemetry trace export (see README.md). */
export { exportRunSpan } from "./export-run-span";
export { exportNodeSpan } from "./export-node-span";
export { exportModelCallSpan, type ModelCallSpan } from "./export-model-call-span";
export { exportToolCallSpan, type ToolCallSpan } from "./export-tool-call-span";
export { exportDelegationSpan } from "./export-delegation-span";
export { exportHumanWaitSpan } from "./export-human-wait-span";
export { flushTelemetry, shutdownTelemetry, telemetryEnabled, telemetryExporterCreated } from "./tracer";
