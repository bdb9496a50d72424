import { describe, expect, it } from "vitest";
import { LATENCY_PROFILES, latencySettingFromEnv, simulatedLatencyMs } from "./latency";

describe("simulated latency", () => {
  it("defaults to a few hundred milliseconds, growing with output length", () => {
    const fast = LATENCY_PROFILES.fast!;
    expect(simulatedLatencyMs(fast, 0, { factor: 1 })).toBe(150);
    expect(simulatedLatencyMs(fast, 200, { factor: 1 })).toBe(350);
    expect(simulatedLatencyMs(LATENCY_PROFILES.strong!, 200, { factor: 1 })).toBeGreaterThan(1000);
  });

  it("reads SWITCHYARD_SIM_LATENCY_MS as a fixed latency or a factor", () => {
    expect(latencySettingFromEnv({ SWITCHYARD_SIM_LATENCY_MS: "0" })).toEqual({ fixedMs: 0 });
    expect(latencySettingFromEnv({ SWITCHYARD_SIM_LATENCY_MS: "250" })).toEqual({ fixedMs: 250 });
    expect(latencySettingFromEnv({ SWITCHYARD_SIM_LATENCY_MS: "x0.5" })).toEqual({ factor: 0.5 });
    expect(simulatedLatencyMs(LATENCY_PROFILES.fast!, 200, { factor: 0.5 })).toBe(175);
    expect(() => latencySettingFromEnv({ SWITCHYARD_SIM_LATENCY_MS: "fast" })).toThrow(/SWITCHYARD_SIM_LATENCY_MS/);
  });

  it("is instant under Vitest unless configured, realistic otherwise", () => {
    expect(latencySettingFromEnv({ VITEST: "true" })).toEqual({ fixedMs: 0 });
    expect(latencySettingFromEnv({})).toEqual({ factor: 1 });
  });
});
