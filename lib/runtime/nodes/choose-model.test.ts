import { describe, expect, it } from "vitest";
import { nextFallbackModel } from "./choose-model";

describe("nextFallbackModel", () => {
  const policy = { tier: "cheap" as const, fallbacks: ["openai:gpt-4o-mini", "sim:fast"] };

  it("keeps the router's choice while nothing has failed", () => {
    expect(nextFallbackModel(policy, [])).toBeNull();
  });

  it("moves to the first fallback that has not failed, in the policy's order", () => {
    expect(nextFallbackModel(policy, ["openai:gpt-5-nano"])).toMatchObject({ modelId: "openai:gpt-4o-mini", alternatives: ["sim:fast"] });
    expect(nextFallbackModel(policy, ["openai:gpt-5-nano", "openai:gpt-4o-mini"])).toMatchObject({ modelId: "sim:fast", reason: "fallback 2 of 2 after openai:gpt-5-nano, openai:gpt-4o-mini failed" });
  });

  it("gives up on fallbacks once every one has failed (the router then excludes the failed models)", () => {
    expect(nextFallbackModel(policy, ["openai:gpt-4o-mini", "sim:fast"])).toBeNull();
    expect(nextFallbackModel({ tier: "cheap" }, ["openai:gpt-5-nano"])).toBeNull();
  });
});
