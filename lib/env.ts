/**
 * Server configuration, read once. Every variable is listed in the README's
 * configuration table.
 */
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { tryParseDuration } from "./graphs/spec/duration";

function readSecretFile(): string | undefined {
  const file = path.join(process.env.SWITCHYARD_DATA_DIR ?? path.resolve(".data"), "secret");
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

let cachedSecret: string | undefined;

/**
 * The root secret: encrypts provider keys and secrets, signs webhooks and
 * derives the session secret. `SWITCHYARD_SECRET`, or the one the dev/start
 * scripts generated into `.data/secret`.
 */
export function rootSecret(): string {
  cachedSecret ??= process.env.SWITCHYARD_SECRET || readSecretFile();
  if (!cachedSecret) {
    throw new Error(
      "SWITCHYARD_SECRET is not set and .data/secret does not exist. Start the app with `npm run dev` or `npm start` " +
        "(they create one), or set SWITCHYARD_SECRET to a long random string.",
    );
  }
  return cachedSecret;
}

/** A purpose-bound key derived from the root secret. */
export function derivedKey(purpose: string): Buffer {
  return createHmac("sha256", rootSecret()).update(`switchyard:${purpose}`).digest();
}

export function sessionSecret(): string {
  return process.env.NEXTAUTH_SECRET || derivedKey("nextauth").toString("hex");
}

export function appUrl(): string {
  return (process.env.SWITCHYARD_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, "");
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` / `npm start`, which provide one.");
  }
  return url;
}

function boundedPositiveInt(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max}; it is ${JSON.stringify(raw)}.`);
  }
  return n;
}

/**
 * `SWITCHYARD_LIVE_MAX_STREAMS` (default 10,000): live-update streams one web process keeps
 * open (about 34 KB each); past it a new stream is refused with 503 and its screen polls.
 */
export function liveMaxStreams(): number {
  return boundedPositiveInt("SWITCHYARD_LIVE_MAX_STREAMS", 10_000, 1_000_000);
}

/** Connections per app process (`DATABASE_POOL_SIZE`, default 20). */
export function databasePoolSize(): number {
  return boundedPositiveInt("DATABASE_POOL_SIZE", 20, 1000);
}

/**
 * How long a query waits for a free pooled connection before it fails with a retryable
 * error (`DATABASE_POOL_TIMEOUT_MS`, default 10 s); also the wait for an interactive transaction.
 */
export function databasePoolTimeoutMs(): number {
  return boundedPositiveInt("DATABASE_POOL_TIMEOUT_MS", 10_000, 600_000);
}

export const oauth = {
  github: () =>
    process.env.GITHUB_CLIENT_ID && process.env.GITHUB_CLIENT_SECRET
      ? { clientId: process.env.GITHUB_CLIENT_ID, clientSecret: process.env.GITHUB_CLIENT_SECRET }
      : null,
  google: () =>
    process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET
      ? { clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }
      : null,
};

export function smtpUrl(): string | undefined {
  return process.env.SMTP_URL || undefined;
}

/** Deployment setting listing private addresses workspaces may reach (see lib/net/outbound.ts). */
export const OUTBOUND_ALLOW_ENV = "SWITCHYARD_OUTBOUND_ALLOW";
/** Older, webhook-only switch: `1` is an alias for `SWITCHYARD_OUTBOUND_ALLOW=*` for webhook deliveries only. */
export const ALLOW_PRIVATE_WEBHOOKS_ENV = "SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS";

/** What an outbound request is for: webhooks also honour {@link ALLOW_PRIVATE_WEBHOOKS_ENV}. */
export type OutboundPurpose = "workspace" | "webhook";

/**
 * The outbound allow list for `purpose`, read on every call (not cached) so an
 * administrator's change and a test's override take effect at once.
 *
 * @example
 * outboundAllow("webhook"); // "10.0.0.0/8,*" with SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1
 */
export function outboundAllow(purpose: OutboundPurpose = "workspace"): string {
  const list = process.env[OUTBOUND_ALLOW_ENV] ?? "";
  if (purpose === "webhook" && process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] === "1") return `${list},*`;
  return list;
}

/** Bearer token a Prometheus scraper may send to `GET /metrics` from any address. */
export const METRICS_TOKEN_ENV = "SWITCHYARD_METRICS_TOKEN";
/** Addresses and CIDR ranges that may scrape `GET /metrics` without the token. */
export const METRICS_ALLOW_ENV = "SWITCHYARD_METRICS_ALLOW";

/**
 * Who may read `GET /metrics`: the token (empty = none) and the allowed addresses (default loopback).
 *
 * @example
 * metricsAccess(); // { token: "", allow: "127.0.0.1/8,::1/128" }
 */
export function metricsAccess(): { token: string; allow: string } {
  return { token: process.env[METRICS_TOKEN_ENV] ?? "", allow: process.env[METRICS_ALLOW_ENV] || "127.0.0.1/8,::1/128" };
}

/**
 * `SWITCHYARD_RUN_CONCURRENCY` (default 8): how many nodes of one run do work at the same
 * time in one process (model calls, tool calls); the rest of a wide fan-out queues.
 */
export function runConcurrency(): number {
  return boundedPositiveInt("SWITCHYARD_RUN_CONCURRENCY", 8, 1000);
}

/**
 * `SWITCHYARD_NODE_CONCURRENCY` (default 16): how many nodes do work at the same time in
 * one process, across all runs. Keep it below the database pool size.
 */
export function nodeConcurrency(): number {
  return boundedPositiveInt("SWITCHYARD_NODE_CONCURRENCY", 16, 1000);
}

/**
 * `SWITCHYARD_DECISION_RECHECK_MS` (default 20 s): how long a run waits for an inbox
 * decision's event before it also looks at the item's row (lib/runtime/decision-wait.ts).
 */
export function decisionRecheckMs(): number {
  // tolerant: a test that restores an unset variable leaves the text "undefined" behind
  const raw = process.env.SWITCHYARD_DECISION_RECHECK_MS;
  const n = Number(raw);
  return raw && Number.isInteger(n) && n >= 1 && n <= 86_400_000 ? n : 20_000;
}

/**
 * The breaker every model gets (lib/breakers; `model:<provider:model>`):
 * `SWITCHYARD_MODEL_BREAKER_FAILURES` (default 5) provider failures within
 * `SWITCHYARD_MODEL_BREAKER_WINDOW` (default 10m) open it, or a failure rate
 * `SWITCHYARD_MODEL_BREAKER_FAILURE_RATE` (0–1, unset: none) of at least
 * `SWITCHYARD_MODEL_BREAKER_MIN_CALLS` (default 10) calls; a probe goes through after
 * `SWITCHYARD_MODEL_BREAKER_COOL_DOWN` (default 1m).
 */
export function modelBreakerPolicy(): { failures: number; failureRate?: number; minCalls: number; window: string; coolDown: string } {
  const duration = (name: string, fallback: string) => {
    const raw = process.env[name];
    if (!raw) return fallback;
    if (tryParseDuration(raw) === undefined) throw new Error(`${name} must be a duration such as "30s", "10m" or "1h"; it is ${JSON.stringify(raw)}.`);
    return raw;
  };
  const rateRaw = process.env.SWITCHYARD_MODEL_BREAKER_FAILURE_RATE;
  const rate = rateRaw ? Number(rateRaw) : undefined;
  if (rate !== undefined && !(rate > 0 && rate <= 1)) throw new Error(`SWITCHYARD_MODEL_BREAKER_FAILURE_RATE must be a share above 0 and at most 1 (0.5 = half the calls); it is ${JSON.stringify(rateRaw)}.`);
  return {
    failures: boundedPositiveInt("SWITCHYARD_MODEL_BREAKER_FAILURES", 5, 1000),
    ...(rate !== undefined ? { failureRate: rate } : {}),
    minCalls: boundedPositiveInt("SWITCHYARD_MODEL_BREAKER_MIN_CALLS", 10, 10_000),
    window: duration("SWITCHYARD_MODEL_BREAKER_WINDOW", "10m"),
    coolDown: duration("SWITCHYARD_MODEL_BREAKER_COOL_DOWN", "1m"),
  };
}

/**
 * The process environment, for modules that take an environment record as a parameter (so
 * tests can pass their own) and default to the server's.
 */
export function serverEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** Environment variables each model provider falls back to when a workspace has no credential. */
export const PROVIDER_ENV = {
  openai: { apiKey: "OPENAI_API_KEY", baseUrl: "OPENAI_BASE_URL" },
  anthropic: { apiKey: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" },
  "openai-compatible": { apiKey: "OPENAI_COMPATIBLE_API_KEY", baseUrl: "OPENAI_COMPATIBLE_BASE_URL" },
} as const;

/** The server's own credential for `provider` (`OPENAI_API_KEY`, …); empty values count as unset. */
export function providerEnvCredential(provider: string): { apiKey?: string; baseUrl?: string } {
  const names = PROVIDER_ENV[provider as keyof typeof PROVIDER_ENV];
  if (!names) return {};
  return { apiKey: process.env[names.apiKey] || undefined, baseUrl: process.env[names.baseUrl] || undefined };
}

/** True when the server configures `provider` itself: a key, or a base URL for OpenAI-compatible servers. */
export function providerConfiguredByEnv(provider: string): boolean {
  const cred = providerEnvCredential(provider);
  return provider === "openai-compatible" ? !!cred.baseUrl : !!cred.apiKey;
}

/** `SWITCHYARD_BOOTSTRAP_API_KEY`: an API key the demo seed activates for the demo workspace. */
export function bootstrapApiKey(): string | undefined {
  return process.env.SWITCHYARD_BOOTSTRAP_API_KEY || undefined;
}

/** `SWITCHYARD_MAX_RUN_USD_PER_MINUTE`, unparsed, when set. */
export function maxRunUsdPerMinute(): string | undefined {
  return process.env.SWITCHYARD_MAX_RUN_USD_PER_MINUTE || undefined;
}

/** `SWITCHYARD_WEBHOOK_RETRY_MS`: the first webhook retry delay (default 60 s). */
export function webhookRetryBaseMs(): number {
  const base = Number(process.env.SWITCHYARD_WEBHOOK_RETRY_MS ?? 60_000);
  return Number.isFinite(base) && base >= 0 ? base : 60_000;
}

/**
 * `SWITCHYARD_WEBHOOK_MAX_BYTES` (default 1 MiB): the largest body a webhook trigger accepts;
 * a bigger delivery is answered 413 before it is read in full.
 */
export function webhookMaxBytes(): number {
  return boundedPositiveInt("SWITCHYARD_WEBHOOK_MAX_BYTES", 1024 * 1024, 64 * 1024 * 1024);
}

/** The engine's base URL: INNGEST_BASE_URL, INNGEST_DEV when it is a URL, or the embedded engine on port 8288. */
export function engineUrl(): string {
  const dev = process.env.INNGEST_DEV;
  const fromDev = dev?.startsWith("http") ? dev : undefined;
  return (process.env.INNGEST_BASE_URL || fromDev || "http://127.0.0.1:8288").replace(/\/$/, "");
}

/** The version npm started the app with. */
export function appVersion(): string {
  return process.env.npm_package_version ?? "0.1.0";
}

/** `SMTP_FROM`: the sender of the product's e-mails. */
export function smtpFrom(): string {
  return process.env.SMTP_FROM || "Switchyard <switchyard@localhost>";
}

/** `ENGINE_LOG_LEVEL`, when set. */
export function engineLogLevel(): string | undefined {
  return process.env.ENGINE_LOG_LEVEL || undefined;
}

/** Test-only settings: `DATABASE_URL` of the server test databases are created on, `KEEP_TEST_DB=1`, `ENGINE_TEST_LOG`. */
export const testSettings = {
  databaseUrl: () => process.env.DATABASE_URL,
  keepDatabases: () => process.env.KEEP_TEST_DB === "1",
  engineLog: () => process.env.ENGINE_TEST_LOG || undefined,
};

/**
 * `SWITCHYARD_EMAIL_DOMAIN` (default `switchyard.local`): the domain e-mail triggers receive
 * mail for, `<workspace>.<address>@<domain>`. Point the domain's MX record (or an inbound-parse
 * provider) at this deployment.
 */
export function emailDomain(): string {
  return (process.env.SWITCHYARD_EMAIL_DOMAIN || "switchyard.local").trim().toLowerCase();
}

/** `SWITCHYARD_EMAIL_MAX_BYTES` (default 10 MiB): the largest inbound e-mail, raw (SMTP 552 / HTTP 413 above it). */
export function emailMaxBytes(): number {
  return boundedPositiveInt("SWITCHYARD_EMAIL_MAX_BYTES", 10 * 1024 * 1024, 1024 * 1024 * 1024);
}

/**
 * The SMTP listener `npm run dev` and `npm start` run for e-mail triggers, or null when
 * `SWITCHYARD_SMTP_PORT` is `0` or `off`. `SWITCHYARD_SMTP_PORT` (default 2525),
 * `SWITCHYARD_SMTP_HOST` (default 127.0.0.1: only this machine; `0.0.0.0` to receive from the
 * internet), `SWITCHYARD_SMTP_AUTH` (`user:password`; unset: no AUTH, as an MX accepts mail).
 */
export function smtpListenerConfig(): { port: number; host: string; auth: { user: string; pass: string } | null } | null {
  const raw = (process.env.SWITCHYARD_SMTP_PORT ?? "").trim().toLowerCase();
  if (raw === "0" || raw === "off") return null;
  const port = raw === "" ? 2525 : Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`SWITCHYARD_SMTP_PORT must be a port number (1–65535), or 0 / off to disable the SMTP listener; it is ${JSON.stringify(process.env.SWITCHYARD_SMTP_PORT)}.`);
  }
  const authRaw = process.env.SWITCHYARD_SMTP_AUTH || "";
  const colon = authRaw.indexOf(":");
  if (authRaw && colon < 1) throw new Error("SWITCHYARD_SMTP_AUTH must be user:password (or unset for no AUTH).");
  return { port, host: process.env.SWITCHYARD_SMTP_HOST || "127.0.0.1", auth: authRaw ? { user: authRaw.slice(0, colon), pass: authRaw.slice(colon + 1) } : null };
}

/**
 * `SWITCHYARD_INBOUND_TOKEN`: the token inbound-parse providers send (basic auth password, a
 * bearer token or `?token=`) to `POST /api/v1/inbound/email…`; unset, those endpoints answer 401.
 */
export function inboundToken(): string | undefined {
  return process.env.SWITCHYARD_INBOUND_TOKEN || undefined;
}

/** What the OpenTelemetry trace export (lib/telemetry) is configured with; null when it is off. */
export interface OtlpTracesConfig {
  /** Where spans are POSTed (OTLP/HTTP, JSON). */
  url: string;
  headers: Record<string, string>;
  serviceName: string;
  /** How long one export request may take. */
  timeoutMs: number;
}

/**
 * The standard OTLP exporter variables: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the full URL), else
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (a base URL; `/v1/traces` is appended); `OTEL_EXPORTER_OTLP_HEADERS`
 * (`key=value,key2=value2`, values URL-encoded); `OTEL_EXPORTER_OTLP_TIMEOUT` (ms, default 10 s);
 * `OTEL_SERVICE_NAME` (default `switchyard`). Null when no endpoint is set: the export is off.
 *
 * @example
 * otlpTracesConfig(); // { url: "http://tempo:4318/v1/traces", headers: { authorization: "Basic …" }, serviceName: "switchyard", timeoutMs: 10000 }
 */
export function otlpTracesConfig(): OtlpTracesConfig | null {
  const traces = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = traces || (base ? `${base.replace(/\/+$/, "")}/v1/traces` : "");
  if (!url) return null;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    const name = traces ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT";
    throw new Error(`${name} must be an http(s) URL such as "http://localhost:4318"; it is ${JSON.stringify(traces || base)}. Spans are not exported until it is fixed.`);
  }
  const headers: Record<string, string> = {};
  for (const pair of (process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS || process.env.OTEL_EXPORTER_OTLP_HEADERS || "").split(",")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const key = decodeURIComponent(pair.slice(0, at).trim());
    if (key) headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  const timeout = Number(process.env.OTEL_EXPORTER_OTLP_TIMEOUT);
  return {
    url,
    headers,
    serviceName: process.env.OTEL_SERVICE_NAME?.trim() || "switchyard",
    timeoutMs: Number.isInteger(timeout) && timeout > 0 ? timeout : 10_000,
  };
}
