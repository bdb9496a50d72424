import { generateText } from "ai";
import { json, methodsNotAllowed, readJson, withWorkspace } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { findOutboundBlocked } from "@/lib/net/outbound";
import { getProviderCredentials, PROVIDER_NAMES, type ProviderName } from "@/lib/providers/credentials";
import { resolveLanguageModel } from "@/lib/runtime/providers/resolve-language-model";
import { ZTestProviderRequestSchema } from "@/lib/schemas/settings";

/** A cheap model per provider for the probe; an OpenAI-compatible server names its own. */
const PROBE_MODEL: Record<ProviderName, string | null> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-haiku-4-5",
  "openai-compatible": null,
};


const TIMEOUT_MS = 15_000;

/**
 * Provider messages may echo part of the key ("Incorrect API key provided: sk-ab***yz");
 * strip anything key-like and the key itself before the message leaves the server.
 */
function redact(message: string, secrets: (string | undefined)[]): string {
  let out = message;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  return out.replace(/\b(sk|pk|key|sess)-[A-Za-z0-9_*\-.]{4,}/g, "[redacted]").slice(0, 500);
}

/**
 * POST /api/v1/providers/:provider/test `{ model? }` — one minimal real call (one output token)
 * with the workspace's credentials (or the server's environment fallbacks). Answers
 * `{ ok, latencyMs, model, error? }`; never the key. A base URL the outbound guard refuses is a
 * 403 naming SWITCHYARD_OUTBOUND_ALLOW.
 */
export const POST = withWorkspace<{ provider: string }>("providers:manage", async ({ req, params, ctx }) => {
  if (!(PROVIDER_NAMES as readonly string[]).includes(params.provider)) {
    throw new AppError("not_found", `Unknown provider "${params.provider}". Use one of: ${PROVIDER_NAMES.join(", ")}.`);
  }
  const provider = params.provider as ProviderName;
  const body = await readJson(req, ZTestProviderRequestSchema);
  const model = body.model ?? PROBE_MODEL[provider] ?? "llama3.1";
  const credentials = await getProviderCredentials(ctx);
  const started = Date.now();
  try {
    const languageModel = resolveLanguageModel(`${provider}:${model}`, credentials);
    await generateText({ model: languageModel, prompt: "ping", maxOutputTokens: 1, maxRetries: 0, abortSignal: AbortSignal.timeout(TIMEOUT_MS) });
    return json({ ok: true, latencyMs: Date.now() - started, model: `${provider}:${model}` });
  } catch (err) {
    // a base URL the deployment does not let workspaces reach is refused, not "tested"
    const blocked = findOutboundBlocked(err);
    if (blocked) throw new AppError("outbound_blocked", `baseUrl: ${blocked.message}`, [{ path: "baseUrl", message: blocked.message }]);
    const e = err as { message?: string; statusCode?: number; name?: string };
    const raw = e.name === "TimeoutError" || e.name === "AbortError" ? `No answer within ${TIMEOUT_MS / 1000} s.` : (e.message ?? String(err));
    const status = typeof e.statusCode === "number" ? ` (HTTP ${e.statusCode})` : "";
    return json({
      ok: false,
      latencyMs: Date.now() - started,
      model: `${provider}:${model}`,
      error: redact(`${raw}${status}`, [credentials[provider]?.apiKey]),
    });
  }
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
