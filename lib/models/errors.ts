/**
 * Errors raised while turning a model id into a callable model. They are configuration
 * problems (a missing key, a typo in the id), so retrying never helps: fix the workspace
 * credentials, the environment or the graph spec.
 */

export type ProviderConfigErrorCode = "unknown_provider" | "invalid_model_id" | "missing_credential";

/**
 * A model cannot be resolved. `provider` names the provider; for a missing credential,
 * `missing` names the environment variable and the workspace credential field that would fix it.
 *
 * @example
 * try {
 *   resolveLanguageModel("anthropic:claude-sonnet-4-5", {});
 * } catch (err) {
 *   if (err instanceof ProviderConfigError && err.code === "missing_credential") {
 *     console.error(err.message); // names ANTHROPIC_API_KEY and the workspace credential
 *   }
 * }
 */
export class ProviderConfigError extends Error {
  readonly code: ProviderConfigErrorCode;
  readonly provider?: string;
  readonly missing?: { envVar: string; credential: string };

  constructor(
    code: ProviderConfigErrorCode,
    message: string,
    details: { provider?: string; missing?: { envVar: string; credential: string } },
  ) {
    super(message);
    this.name = "ProviderConfigError";
    this.code = code;
    this.provider = details.provider;
    this.missing = details.missing;
  }
}
