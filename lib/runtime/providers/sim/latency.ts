/**
 * How long a simulated call takes. Real models answer in a few hundred milliseconds plus time
 * per generated token; the simulation keeps that shape so the product (streaming UI, timeouts,
 * concurrency) behaves as it would with a real provider.
 *
 * `SWITCHYARD_SIM_LATENCY_MS` overrides it: a number (`0`, `250`) is a fixed latency per call
 * in milliseconds, `x<factor>` (`x0.5`, `x3`) scales the default. Under Vitest (`VITEST` set)
 * the default is 0 so tests stay fast.
 */
import { serverEnv } from "../../../env";

/** Latency shape of one simulated model. */
export interface LatencyProfile {
  /** Time to first token, ms. */
  firstTokenMs: number;
  /** Additional time per output token, ms. */
  perTokenMs: number;
}

/** Defaults by simulated model name; unknown names use `balanced`. */
export const LATENCY_PROFILES: Record<string, LatencyProfile> = {
  fast: { firstTokenMs: 150, perTokenMs: 1 },
  balanced: { firstTokenMs: 250, perTokenMs: 2 },
  strong: { firstTokenMs: 400, perTokenMs: 4 },
};

/** A resolved latency setting: a fixed duration, or a factor applied to the profile. */
export type LatencySetting = { fixedMs: number } | { factor: number };

/**
 * Reads the latency setting from the environment.
 *
 * @example
 * latencySettingFromEnv({ SWITCHYARD_SIM_LATENCY_MS: "x2" }); // { factor: 2 }
 * latencySettingFromEnv({ SWITCHYARD_SIM_LATENCY_MS: "0" }); // { fixedMs: 0 }
 */
export function latencySettingFromEnv(env: Record<string, string | undefined> = serverEnv()): LatencySetting {
  const raw = env.SWITCHYARD_SIM_LATENCY_MS?.trim();
  if (raw) {
    const factor = /^x(\d+(?:\.\d+)?)$/i.exec(raw);
    if (factor) return { factor: Number(factor[1]) };
    const fixed = Number(raw);
    if (Number.isFinite(fixed) && fixed >= 0) return { fixedMs: fixed };
    throw new Error(
      `SWITCHYARD_SIM_LATENCY_MS="${raw}" is not a latency: use milliseconds per call ("0", "250") or a factor ("x0.5", "x2").`,
    );
  }
  return env.VITEST ? { fixedMs: 0 } : { factor: 1 };
}

/**
 * Milliseconds a call producing `outputTokens` should take.
 *
 * @example
 * simulatedLatencyMs(LATENCY_PROFILES.fast!, 100, { factor: 1 }); // 250
 */
export function simulatedLatencyMs(profile: LatencyProfile, outputTokens: number, setting: LatencySetting): number {
  if ("fixedMs" in setting) return setting.fixedMs;
  return Math.round((profile.firstTokenMs + profile.perTokenMs * outputTokens) * setting.factor);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
