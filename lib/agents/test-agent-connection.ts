import "server-only";
/**
 * "Test connection" of an external sub-agent, as a run would reach it: through the outbound
 * guard, with `{{secrets.X}}` in the URL and headers rendered here from the workspace's secrets
 * (their values never leave the server, not even inside an error message).
 */
import type { WorkspaceContext } from "../auth/context";
import { AppError } from "../errors";
import { extractReferences, renderTemplate, TemplateError } from "../graphs/spec/template";
import { findOutboundBlocked, outboundFetch } from "../net/outbound";
import { loadSecrets } from "../secrets/secrets";
import { ZAgentCardSchema, type TTestAgentConnectionRequest, type TTestAgentConnectionResult } from "./schemas";

/** How long a test waits for the agent: a test is interactive, a slow agent is an answer too. */
export const TEST_CONNECTION_TIMEOUT_MS = 5_000;
/** Where A2A servers publish their card when the URL given is only the server's address. */
const WELL_KNOWN_CARD = "/.well-known/agent-card.json";
/** An agent card is small; a bigger answer is not one. */
const MAX_CARD_BYTES = 256 * 1024;

/**
 * Tests an A2A agent (fetches its agent card and checks it names the agent, its endpoint and its
 * skills) or an HTTP agent (checks that its address answers). Unreachable or wrong answers are
 * `{ ok: false, reason }`; a target the outbound guard refuses is a 403 `outbound_blocked`, a
 * secret that is not set a 422 naming the field.
 *
 * @example
 * await testAgentConnection(ctx, { kind: "a2a", url: "https://agents.example.com/.well-known/agent-card.json" });
 * // { ok: true, kind: "a2a", name: "Pricing", skills: [{ id: "quote", name: "Quote a line" }], … }
 */
export async function testAgentConnection(ctx: WorkspaceContext, req: TTestAgentConnectionRequest, options: { timeoutMs?: number } = {}): Promise<TTestAgentConnectionResult> {
  const { url, headers } = await renderTarget(ctx, req);
  const timeoutMs = options.timeoutMs ?? TEST_CONNECTION_TIMEOUT_MS;
  const started = Date.now();
  const done = (r: Omit<Extract<TTestAgentConnectionResult, { ok: true }>, "kind" | "latencyMs" | "ok">): TTestAgentConnectionResult => ({ ok: true, kind: req.kind, latencyMs: Date.now() - started, ...r });
  const fail = (reason: string): TTestAgentConnectionResult => ({ ok: false, kind: req.kind, latencyMs: Date.now() - started, reason });
  const shown = shownTarget(req.url);
  try {
    if (req.kind === "http") {
      const res = await outboundFetch(url, { method: "OPTIONS", headers, signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      if (res.status >= 500) return fail(`${shown} answered HTTP ${res.status}: the agent is reachable but failing.`);
      if (res.status === 401 || res.status === 403) return fail(`${shown} answered HTTP ${res.status}: it refuses these credentials (check the headers).`);
      const allow = res.headers.get("allow") ?? res.headers.get("access-control-allow-methods");
      const posts = allow ? /\bPOST\b/i.test(allow) : undefined;
      return done({
        status: res.status,
        message:
          posts === false
            ? `Reachable, but it allows ${allow} and not POST: delegations are POSTed.`
            : `Reachable${allow ? `; it allows ${allow}` : ""}. Delegations are POSTed as { task, context, constraints, budget, deadline }.`,
      });
    }
    let card = await fetchCard(url, headers, timeoutMs);
    if (card.kind === "not-card" && new URL(url).pathname.replace(/\/+$/, "") === "") {
      // only the server's address was given: A2A servers publish their card at a well-known path
      card = await fetchCard(new URL(WELL_KNOWN_CARD, url).toString(), headers, timeoutMs);
    }
    if (card.kind === "status") return fail(`${shown} answered HTTP ${card.status}${card.status === 404 ? ": no agent card there" : card.status === 401 || card.status === 403 ? ": it refuses these credentials (check the headers)" : ""}.`);
    if (card.kind === "not-card") return fail(`${shown} did not answer with an A2A agent card: ${card.why}.`);
    const c = card.card;
    return done({ name: c.name, description: c.description, url: c.url, skills: c.skills.map((s) => ({ id: s.id, name: s.name ?? s.id })) });
  } catch (err) {
    const blocked = findOutboundBlocked(err);
    if (blocked) throw new AppError("outbound_blocked", `The agent's address was refused: ${blocked.message}`, [{ path: "url", message: blocked.message }]);
    if ((err as Error).name === "TimeoutError" || (err as Error).name === "AbortError") return fail(`${shown} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    return fail(`Could not connect to ${shown}: ${connectionProblem(err)}.`);
  }
}

type TCardAnswer = { kind: "card"; card: ReturnType<typeof ZAgentCardSchema.parse> } | { kind: "status"; status: number } | { kind: "not-card"; why: string };

async function fetchCard(url: string, headers: Record<string, string>, timeoutMs: number): Promise<TCardAnswer> {
  const res = await outboundFetch(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) {
    await res.body?.cancel();
    return res.status === 404 ? { kind: "not-card", why: "HTTP 404" } : { kind: "status", status: res.status };
  }
  const text = await res.text();
  if (text.length > MAX_CARD_BYTES) return { kind: "not-card", why: `the answer is larger than ${MAX_CARD_BYTES / 1024} KiB` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: "not-card", why: `the answer is not JSON (${res.headers.get("content-type") ?? "no content type"})` };
  }
  const parsed = ZAgentCardSchema.safeParse(body);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => (i.path.length ? i.path.join(".") : "(card)")).filter((p, i, all) => all.indexOf(p) === i);
    return { kind: "not-card", why: `it lacks or has an invalid ${missing.join(", ")} (a card names the agent, its url and its skills)` };
  }
  return { kind: "card", card: parsed.data };
}

/** The URL and headers with workspace secrets filled in; only `{{secrets.X}}` may appear. */
async function renderTarget(ctx: WorkspaceContext, req: TTestAgentConnectionRequest): Promise<{ url: string; headers: Record<string, string> }> {
  const fields: [string, string][] = [["url", req.url], ...Object.entries(req.headers ?? {}).map(([k, v]) => [`headers.${k}`, v] as [string, string])];
  const names = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  for (const [path, template] of fields) {
    try {
      for (const ref of extractReferences(template)) {
        if (ref.root === "secrets") names.add(ref.path[0]!);
        else issues.push({ path, message: `${ref.tag} is only known during a run; a connection test can only fill in {{secrets.NAME}}` });
      }
    } catch (err) {
      issues.push({ path, message: (err as Error).message });
    }
  }
  if (issues.length) throw new AppError("validation_failed", `Invalid connection test: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  const secrets = await loadSecrets(ctx, [...names]);
  const context = { secret: (name: string) => secrets.get(name) };
  const render = (path: string, template: string): string => {
    try {
      return String(renderTemplate(template, context));
    } catch (err) {
      const message = err instanceof TemplateError ? err.message : "could not be rendered";
      throw new AppError("validation_failed", `Invalid connection test: ${path}: ${message}`, [{ path, message }]);
    }
  };
  const url = render("url", req.url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError("validation_failed", "Invalid connection test: url: must be an absolute http(s) URL, e.g. https://agents.example.com/.well-known/agent-card.json", [
      { path: "url", message: "must be an absolute http(s) URL, e.g. https://agents.example.com/.well-known/agent-card.json" },
    ]);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new AppError("validation_failed", `Invalid connection test: url: must use http or https, not ${parsed.protocol}`, [{ path: "url", message: `must use http or https, not ${parsed.protocol}` }]);
  }
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k, render(`headers.${k}`, v)]));
  return { url, headers };
}

/** The address as the user wrote it (with secret references, never their values), shortened. */
function shownTarget(url: string): string {
  return url.length > 120 ? `${url.slice(0, 119)}…` : url;
}

/** The socket-level reason of a failed fetch, without anything that could echo a header. */
function connectionProblem(err: unknown): string {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (code === "ECONNREFUSED") return "the connection was refused (nothing listens there)";
      if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve";
      if (code === "ECONNRESET") return "the connection was reset";
      if (code.startsWith("ERR_TLS") || code.includes("CERT")) return `TLS failed (${code})`;
      return code;
    }
  }
  return "the request failed";
}
