/**
 * Graph specs: schema, validation, templates, conditions, DAG helpers, YAML and hashing.
 * See README.md in this folder for the model and the contracts with the runtime.
 */
export * from "./schema";
export { validateGraphSpec, type TValidateOptions, type TValidationResult } from "./validate";
export { DEFAULT_MODEL_PROVIDERS } from "./reference-checks";
export { formatIssues, type TSpecIssue } from "./issues";
export { parseDuration, tryParseDuration, isDuration, formatDuration } from "./duration";
export {
  parseTemplate,
  extractReferences,
  renderTemplate,
  renderValue,
  TemplateError,
  RUN_FIELDS,
  TEMPLATE_ROOTS,
  type TTemplateContext,
  type TTemplateRef,
} from "./template";
export { compileCondition, evaluateCondition, checkCondition, ConditionError, type TConditionContext } from "./conditions";
export { GraphDag, GraphCycleError, canMigrate, type TNodeStatus, type TMigrationCheck } from "./dag";
export { outputSchemaOf } from "./node-outputs";
export { importGraphYaml, exportGraphYaml } from "./yaml";
export { hashSpec, canonicalJson, sameJson } from "./hash";
export { retryPolicyFor, backoffDelayMs, nodeTimeoutMs, runTimeoutMs, nodeBudgetMicroUsd, toMicroUsd, DEFAULT_BACKOFF } from "./policy";
export type { TJsonValue, TJsonObject } from "./json";
