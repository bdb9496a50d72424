/**
 * The model layer: which models exist and what they can do ({@link getModelInfo}), and how to
 * call one ({@link resolveLanguageModel}), including the offline simulated provider.
 */
export { ProviderConfigError, type ProviderConfigErrorCode } from "../../models/errors";
export { getModelInfo, listModels, type ModelInfo, type ModelTier } from "../../models/model-catalogue";
export { parseModelId, parseModelIdOrThrow, PROVIDERS, type ParsedModelId, type ProviderName } from "../../models/model-id";
export {
  PROVIDER_ENV,
  resolveLanguageModel,
  type ProviderCredential,
  type ProviderCredentials,
  type ResolveLanguageModelOptions,
} from "./resolve-language-model";
export { createSimLanguageModel, type SimLanguageModelOptions } from "./sim/sim-language-model";
