import "server-only";
import { getPrisma } from "../db/client";
import { appVersion, engineUrl } from "../env";

async function timed<T>(fn: () => Promise<T>): Promise<{ ok: boolean; ms: number; error?: string }> {
  const start = performance.now();
  try {
    await fn();
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - start), error: (err as Error).message.split("\n")[0] };
  }
}

export { engineUrl };

export async function checkHealth() {
  const database = await timed(() => getPrisma().$queryRawUnsafe("select 1"));
  const engine = await timed(async () => {
    const res = await fetch(`${engineUrl()}/health`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`engine answered ${res.status}`);
  });
  return {
    status: database.ok ? (engine.ok ? "ok" : "degraded") : "down",
    database,
    engine: { ...engine, url: engineUrl() },
    version: appVersion(),
  };
}
