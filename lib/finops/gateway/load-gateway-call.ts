import "server-only";
import type { WorkspaceContext } from "../../auth/context";
import { API_KEY_PREFIX } from "../../auth/api-keys";
import { requestOrigin } from "../../audit/record-audit-event";
import type { RoleName } from "../../auth/permissions";
import { decryptSecret, sha256 } from "../../crypto";
import { getRawPool } from "../../db/raw-pool";
import { scopedDb } from "../../db/scoped";
import { getPrisma } from "../../db/client";
import { priceQuote, type ModelPriceQuote } from "../get-price";
import { usd } from "../money";
import { gatewayConfigCache } from "./config-cache";
import type { BudgetRow } from "../reserve-budget";

/** What one gateway call needs besides its request: who calls, and what the workspace set. */
export interface LoadedGatewayCall {
  ctx: WorkspaceContext;
  /** The model's price for the workspace (override, operator row or catalogue); null when nobody prices it. */
  price: ModelPriceQuote | null;
  /** The workspace's enabled settings budgets (the only ones a call outside any run can meet). */
  budgets: BudgetRow[];
  /** The workspace's credential for the provider, decrypted; null when it has none. */
  credential: { apiKey?: string; baseUrl?: string } | null;
}

/**
 * Everything a gateway call reads, in one statement on a prepared plan: the key (by its
 * hash) and its workspace, the settings budgets, the provider credential and the model's
 * price rows, all reached through the key's own workspace, so nothing of another tenant can
 * come back.
 */
const LOAD_SQL = `
select k."id" as "apiKeyId", k."role"::text as "role", k."expiresAt", k."revokedAt", k."lastUsedAt",
       w."id" as "workspaceId", w."slug", w."name",
       (select coalesce(json_agg(json_build_object('id', b."id", 'name', b."name", 'scope', b."scope", 'scopeRef', b."scopeRef", 'period', b."period",
                                                   'source', b."source", 'graphVersionId', b."graphVersionId", 'enabled', b."enabled",
                                                   'limitUsd', b."limitUsd"::text, 'onExceed', b."onExceed") order by b."id"), '[]'::json)
          from "Budget" b where b."workspaceId" = k."workspaceId" and b."enabled" and b."source" = 'settings') as "budgets",
       (select json_build_object('encryptedKey', c."encryptedKey", 'baseUrl', c."baseUrl")
          from "ProviderCredential" c where c."workspaceId" = k."workspaceId" and c."provider" = $2) as "credential",
       (select json_build_object('workspaceId', p."workspaceId", 'input', p."inputUsdPerMTok"::text, 'output', p."outputUsdPerMTok"::text,
                                 'cached', p."cachedUsdPerMTok"::text, 'source', p."source", 'rpm', p."requestsPerMinute", 'tpm', p."tokensPerMinute")
          from "ModelPrice" p
         where p."provider" = $2 and p."model" = $3 and p."effectiveFrom" <= now() and (p."workspaceId" = k."workspaceId" or p."workspaceId" is null)
         order by (p."workspaceId" is null), p."effectiveFrom" desc limit 1) as "price"
  from "ApiKey" k join "Workspace" w on w."id" = k."workspaceId"
 where k."hash" = $1`;

type LoadRow = {
  apiKeyId: string;
  role: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  workspaceId: string;
  slug: string;
  name: string;
  budgets: (Omit<BudgetRow, "limitUsd"> & { limitUsd: string })[];
  credential: { encryptedKey: string | null; baseUrl: string | null } | null;
  price: { workspaceId: string | null; input: string; output: string; cached: string | null; source: string; rpm: number | null; tpm: number | null } | null;
};

/** Decrypted keys by their sealed form: decrypting is pure, so a sealed value decrypts once. */
const decrypted = new Map<string, string>();
function open(sealed: string): string {
  let plain = decrypted.get(sealed);
  if (plain === undefined) {
    plain = decryptSecret(sealed);
    if (decrypted.size > 1_000) decrypted.clear();
    decrypted.set(sealed, plain);
  }
  return plain;
}

/** When each key was last marked used by this process. */
const touched = new Map<string, number>();

/** `lastUsedAt` is advisory: written at most once a minute per key, without waiting for it. */
function touch(row: LoadRow) {
  const last = Math.max(row.lastUsedAt?.getTime() ?? 0, touched.get(row.apiKeyId) ?? 0);
  if (Date.now() - last <= 60_000) return;
  if (touched.size > 10_000) touched.clear();
  touched.set(row.apiKeyId, Date.now());
  getPrisma()
    .apiKey.update({ where: { id: row.apiKeyId }, data: { lastUsedAt: new Date() } })
    .catch((err) => console.warn(JSON.stringify({ level: "warn", msg: "could not mark the API key used", error: String(err) })));
}

/**
 * Authenticates a gateway call by its Switchyard API key and loads what it needs for
 * `provider:model` (a routed `switchyard:<tier>` call passes `model` null and prices later).
 * Null for an unknown, revoked or expired key.
 *
 * @example
 * const call = await loadGatewayCall("sy_…", "openai", "gpt-4o-mini", req.headers);
 */
export async function loadGatewayCall(rawKey: string, provider: string, model: string | null, headers: { get(name: string): string | null }): Promise<LoadedGatewayCall | null> {
  if (!rawKey.startsWith(API_KEY_PREFIX)) return null;
  const values = [sha256(rawKey), provider, model ?? ""];
  const row = await gatewayConfigCache().get(values.join("\n"), async () => {
    const { rows } = await getRawPool().query<LoadRow>({ name: "gateway_load_call", text: LOAD_SQL, values });
    return rows[0] ? { value: rows[0], workspaceId: rows[0].workspaceId } : null;
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  touch(row);
  const ctx: WorkspaceContext = {
    workspace: { id: row.workspaceId, slug: row.slug, name: row.name },
    role: row.role as RoleName,
    actor: { type: "apiKey", apiKeyId: row.apiKeyId, userId: null, ...requestOrigin(headers) },
    db: scopedDb(row.workspaceId),
  };
  const p = row.price;
  const price = model
    ? priceQuote(`${provider}:${model}`, provider, p && { inputUsdPerMTok: p.input, outputUsdPerMTok: p.output, cachedUsdPerMTok: p.cached, source: p.source, requestsPerMinute: p.rpm, tokensPerMinute: p.tpm })
    : null;
  const cred = row.credential;
  return {
    ctx,
    price,
    budgets: row.budgets.map((b) => ({ ...b, limitUsd: usd(b.limitUsd) })),
    credential: cred ? { ...(cred.encryptedKey ? { apiKey: open(cred.encryptedKey) } : {}), ...(cred.baseUrl ? { baseUrl: cred.baseUrl } : {}) } : null,
  };
}
