/**
 * Turns whatever a provider call threw into a {@link ModelCallError} with an HTTP status and a
 * retry verdict, so callers never need to know the AI SDK's error classes.
 */
import { APICallError } from "@ai-sdk/provider";
import { findOutboundBlocked } from "../../net/outbound";
import { ModelCallError } from "./errors";

/**
 * Classifies a provider failure. Abort errors are returned unchanged: a cancelled run is not a
 * provider failure.
 *
 * @example
 * const err = toModelCallError(apiCallError429, "openai:gpt-4o-mini");
 * err.status; // 429
 * err.retryable; // true
 */
export function toModelCallError(error: unknown, modelId: string): Error {
  if (error instanceof ModelCallError) return error;
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) return error;
  const blocked = findOutboundBlocked(error);
  if (blocked) {
    return new ModelCallError({ modelId, message: `${modelId} call refused: the provider's base URL is not allowed. ${blocked.message}`, status: blocked.status, retryable: false, cause: error });
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const what = status === undefined ? "could not reach the provider" : `failed with HTTP ${status}`;
    return new ModelCallError({
      modelId,
      message: `${modelId} call ${what}: ${error.message}${hint(status)}`,
      status,
      // The AI SDK marks network failures, 408, 409, 429 and 5xx as retryable.
      retryable: error.isRetryable,
      retryAfterMs: retryAfterMs(error.responseHeaders),
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelCallError({
    modelId,
    message: `${modelId} call failed: ${message}. The provider's response could not be used; check that the model id and base URL point at a compatible API.`,
    retryable: false,
    cause: error,
  });
}

function hint(status: number | undefined): string {
  if (status === 401 || status === 403) return " — check the provider API key in the workspace settings or the server environment.";
  if (status === 404) return " — check the model name and the provider base URL.";
  if (status === 429) return " — the provider is rate limiting; retry later or lower concurrency.";
  return "";
}

function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  const ms = Number(headers?.["retry-after-ms"]);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const seconds = Number(headers?.["retry-after"]);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
