/**
 * Engine-initiated (in-band) app sync: `PUT <serve url>` with `x-inngest-sync-kind: in_band`
 * and `{"url": …}`; the SDK answers with its function configs (INNGEST-PROTOCOL.md §1).
 * An SDK that refuses in-band sync (`INNGEST_ALLOW_IN_BAND_SYNC=0`) falls back to calling
 * our `POST /fn/register` itself, which this also accepts.
 */
import { Headers, SyncKind } from "./consts";
import type { EngineContext } from "./context";
import { SyncError } from "./registry";
import { canonicalBody, signBody } from "./signing";

export interface SyncResult {
  appId: string | null;
  functions: number;
  modified: boolean;
  kind: (typeof SyncKind)[keyof typeof SyncKind];
}

/** Pulls an app's configs from its serve URL and stores them. Throws with a fix-it message on failure. */
export async function syncAppUrl(ctx: EngineContext, url: string, timeoutMs = 15_000): Promise<SyncResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new SyncError(`${JSON.stringify(url)} is not a URL. Pass the app's serve URL, e.g. http://127.0.0.1:3000/api/inngest.`);
  }
  const body = canonicalBody({ url: target.toString() });
  const headers: Record<string, string> = { [Headers.contentType]: "application/json", [Headers.syncKind]: SyncKind.inBand };
  if (ctx.signingKey) headers[Headers.signature] = signBody(body, ctx.signingKey);
  let res: Response;
  let text: string;
  try {
    res = await fetch(target, { method: "PUT", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    const e = err as { cause?: { code?: string }; message?: string };
    throw new SyncError(`Could not reach the app at ${url} (${e.cause?.code ?? e.message}). Is it running?`);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SyncError(`The app at ${url} answered HTTP ${res.status} with a non-JSON body; is this the Inngest serve() URL?`);
  }
  if (res.headers.get(Headers.syncKind) === SyncKind.inBand && Array.isArray(json.functions)) {
    const appId = String(json.app_id ?? "");
    const { modified, functions } = await ctx.registry.sync({
      appId,
      url: typeof json.url === "string" ? json.url : target.toString(),
      sdk: typeof json.sdk === "string" ? json.sdk : undefined,
      framework: typeof json.framework === "string" ? json.framework : undefined,
      functions: json.functions as Record<string, unknown>[],
    });
    return { appId, functions, modified, kind: SyncKind.inBand };
  }
  if (res.status >= 200 && res.status < 300) {
    // Out-of-band: the SDK already POSTed /fn/register to its configured base URL.
    return { appId: null, functions: 0, modified: json.modified === true, kind: SyncKind.outOfBand };
  }
  throw new SyncError(`The app at ${url} refused to sync: HTTP ${res.status} ${String(json.message ?? json.error ?? "")}`.trim());
}
