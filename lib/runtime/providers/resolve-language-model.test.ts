import { describe, expect, it } from "vitest";
import { ProviderConfigError } from "../../models/errors";
import { resolveLanguageModel } from "./resolve-language-model";

const noEnv = { env: {} };

describe("resolveLanguageModel", () => {
  it("resolves OpenAI to the Responses API by default, Chat Completions on request", () => {
    const responses = resolveLanguageModel("openai:gpt-4o-mini", { openai: { apiKey: "k" } }, noEnv);
    expect(responses).toMatchObject({ specificationVersion: "v3", modelId: "gpt-4o-mini", provider: "openai.responses" });
    const chat = resolveLanguageModel("openai:gpt-4o-mini", { openai: { apiKey: "k" } }, { ...noEnv, openaiApi: "chat" });
    expect(chat.provider).toBe("openai.chat");
  });

  it("resolves Anthropic, OpenAI-compatible and simulated models", () => {
    expect(resolveLanguageModel("anthropic:claude-sonnet-4-5", {}, { env: { ANTHROPIC_API_KEY: "k" } }).provider).toBe("anthropic.messages");
    const local = resolveLanguageModel("openai-compatible:llama3.1:8b", { "openai-compatible": { baseUrl: "http://127.0.0.1:11434/v1/" } }, noEnv);
    expect(local).toMatchObject({ modelId: "llama3.1:8b", provider: "openai-compatible.chat" });
    expect(resolveLanguageModel("sim:fast", {}, noEnv)).toMatchObject({ provider: "sim", modelId: "fast" });
  });

  it("names the provider, the environment variable and the workspace credential when a key is missing", () => {
    const error = (() => {
      try {
        resolveLanguageModel("anthropic:claude-sonnet-4-5", {}, noEnv);
      } catch (err) {
        return err as ProviderConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ProviderConfigError);
    expect(error).toMatchObject({ code: "missing_credential", provider: "anthropic", missing: { envVar: "ANTHROPIC_API_KEY", credential: "anthropic.apiKey" } });
    expect(error!.message).toContain("ANTHROPIC_API_KEY");
    expect(error!.message).toContain("Anthropic");
    expect(() => resolveLanguageModel("openai:gpt-4o", { openai: { apiKey: "  " } }, noEnv)).toThrow(/OPENAI_API_KEY/);
  });

  it("requires a base URL for OpenAI-compatible servers but not a key", () => {
    expect(() => resolveLanguageModel("openai-compatible:llama3.1", {}, noEnv)).toThrow(/OPENAI_COMPATIBLE_BASE_URL/);
    expect(() => resolveLanguageModel("openai-compatible:llama3.1", {}, { env: { OPENAI_COMPATIBLE_BASE_URL: "http://localhost:8000/v1" } })).not.toThrow();
  });

  it("prefers workspace credentials over the environment", () => {
    expect(() => resolveLanguageModel("openai:gpt-4o", { openai: { apiKey: "workspace" } }, { env: {} })).not.toThrow();
    expect(() => resolveLanguageModel("openai:gpt-4o", {}, { env: { OPENAI_API_KEY: "server" } })).not.toThrow();
  });

  it("rejects unknown providers and malformed ids", () => {
    expect(() => resolveLanguageModel("mistral:large", {}, noEnv)).toThrow(/unknown provider/);
    expect(() => resolveLanguageModel("gpt-4o", {}, noEnv)).toThrow(/provider:model/);
  });
});

describe("a base URL chosen by a workspace", () => {
  it("may not point into the deployment's private network", async () => {
    const model = resolveLanguageModel("openai-compatible:llama", { "openai-compatible": { baseUrl: "http://10.0.0.1:11434/v1" } });
    await expect(model.doGenerate({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] })).rejects.toThrow(
      /10\.0\.0\.1 is a private, loopback or link-local address/,
    );
  });
});
