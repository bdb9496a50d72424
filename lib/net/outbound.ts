/**
 * Outbound HTTP for addresses that workspace members choose — HTTP tool nodes, MCP servers a
 * workspace adds, provider base URLs (model calls in runs, the LLM gateway, provider tests) and
 * webhook deliveries all go through {@link outboundFetch}: requests to loopback, private, link-local (cloud metadata) and
 * other non-public addresses are refused unless the deployment allows them, so a graph
 * cannot be used to probe the network Switchyard runs in.
 *
 * The check happens where the connection is made (a DNS lookup hook on the socket), so a
 * name that resolves to a public address when checked and a private one when connecting
 * (DNS rebinding) is refused too; redirects are followed here, one checked hop at a time.
 *
 * Deployment setting `SWITCHYARD_OUTBOUND_ALLOW`: comma-separated entries that may be
 * reached even though they are private: `*` (everything), an address (`10.0.0.7`), a
 * CIDR range (`10.0.0.0/8`, `fd00::/8`), a host name (`vendor.internal`) or a host with a
 * port (`127.0.0.1:8390`, `vendor.internal:8443`). It is read through lib/env.ts on every
 * request. `SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS=1`, an older switch, is kept as an alias for `*`
 * that applies to webhook deliveries only.
 *
 * A refusal is an {@link OutboundBlockedError} (`code` "outbound_blocked", HTTP 403, never
 * retryable) whose message names the setting.
 */
import dns from "node:dns";
import net from "node:net";
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { ALLOW_PRIVATE_WEBHOOKS_ENV, OUTBOUND_ALLOW_ENV, outboundAllow, type OutboundPurpose } from "../env";

/** Raised before any byte is sent to a refused address. Trying again cannot help. */
export class OutboundBlockedError extends Error {
  override name = "OutboundBlockedError";
  readonly code = "outbound_blocked" as const;
  /** The HTTP status an API answers a refusal with. */
  readonly status = 403;
  readonly retryable = false;
}

/**
 * The {@link OutboundBlockedError} behind `err`, when there is one: client libraries (the AI
 * SDK, the MCP SDK, undici) wrap what `fetch` threw, sometimes several times.
 *
 * @example
 * const blocked = findOutboundBlocked(err);
 * if (blocked) throw new AppError("forbidden", blocked.message);
 */
export function findOutboundBlocked(err: unknown): OutboundBlockedError | undefined {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundBlockedError) return e;
  }
  return undefined;
}

const NON_PUBLIC: [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"], // "this" network
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"], // link-local, cloud metadata
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"], // benchmarking
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved, broadcast
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"], // unique local
  ["fe80::", 10, "ipv6"], // link-local
  ["ff00::", 8, "ipv6"], // multicast
];

const nonPublic = new net.BlockList();
for (const [prefix, bits, family] of NON_PUBLIC) nonPublic.addSubnet(prefix, bits, family);

export interface OutboundPolicy {
  allowAll: boolean;
  /** private ranges and addresses that are allowed */
  ranges: net.BlockList;
  /** allowed host names, `host` or `host:port`, lower case */
  hosts: Set<string>;
}

/** Parses `SWITCHYARD_OUTBOUND_ALLOW` (see the file comment). */
export function parseOutboundAllow(value: string | undefined): OutboundPolicy {
  const policy: OutboundPolicy = { allowAll: false, ranges: new net.BlockList(), hosts: new Set() };
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") {
      policy.allowAll = true;
      continue;
    }
    const [addr, bits] = entry.split("/");
    const family = net.isIP(addr!);
    if (family && bits !== undefined && /^\d+$/.test(bits)) policy.ranges.addSubnet(addr!, Number(bits), family === 6 ? "ipv6" : "ipv4");
    else if (family) policy.ranges.addAddress(addr!, family === 6 ? "ipv6" : "ipv4");
    else policy.hosts.add(entry.replace(/^\[(.*)\](:\d+)?$/, "$1$2"));
  }
  return policy;
}

const cached = new Map<string, OutboundPolicy>();
/** The policy for `purpose` as the deployment configures it now (parsed once per distinct value). */
function currentPolicy(purpose: OutboundPurpose = "workspace"): OutboundPolicy {
  const raw = outboundAllow(purpose);
  let policy = cached.get(raw);
  if (!policy) {
    if (cached.size > 16) cached.clear();
    policy = parseOutboundAllow(raw);
    cached.set(raw, policy);
  }
  return policy;
}

/** Unwraps IPv4-mapped IPv6 (`::ffff:10.0.0.1`) so the IPv4 ranges apply. */
function normalise(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: net.isIP(address) === 6 ? "ipv6" : "ipv4" };
}

/**
 * Throws OutboundBlockedError when `address` (what `host`:`port` resolved to) is not public
 * and the policy does not allow it.
 */
export function checkAddress(
  host: string,
  port: string | number,
  address: string,
  policy?: OutboundPolicy,
  purpose: OutboundPurpose = "workspace",
): void {
  policy ??= currentPolicy(purpose);
  const ip = normalise(address);
  if (!nonPublic.check(ip.address, ip.family)) return;
  if (policy.allowAll || policy.ranges.check(ip.address, ip.family)) return;
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (policy.hosts.has(name) || policy.hosts.has(`${name}:${port}`)) return;
  const where = name === ip.address ? name : `${name} (${ip.address})`;
  throw new OutboundBlockedError(
    `${where} is a private, loopback or link-local address, which this deployment does not let workspaces reach. ` +
      `An administrator can allow it with ${OUTBOUND_ALLOW_ENV} (for example "${name}:${port}")` +
      (purpose === "webhook" ? `, or allow webhooks to every private address with ${ALLOW_PRIVATE_WEBHOOKS_ENV}=1.` : "."),
  );
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** DNS lookup used for every connection of the guarded agent: checks each address it returns. */
function guardedLookup(port: string, purpose: OutboundPurpose) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      try {
        const policy = currentPolicy(purpose);
        for (const a of addresses) checkAddress(hostname, port, a.address, policy, purpose);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, "");
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

const agents = new Map<string, Agent>();
/** One keep-alive agent per port and purpose, because the lookup hook only sees the host name. */
function agentFor(port: string, purpose: OutboundPurpose): Agent {
  const key = `${purpose}:${port}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { lookup: guardedLookup(port, purpose) as never } });
    agents.set(key, agent);
  }
  return agent;
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/**
 * The guarded dispatcher for one user-chosen URL, for callers that use undici's `request`
 * rather than {@link outboundFetch} (the LLM gateway's hot path): the same address checks, made
 * on the literal address now and on every resolved address when connecting. Redirects are not
 * followed by `request`. Throws OutboundBlockedError for a refused literal address or scheme.
 *
 * @example
 * const res = await request(url, { method: "POST", body, dispatcher: outboundDispatcher(new URL(url)) });
 */
export function outboundDispatcher(url: URL, purpose: OutboundPurpose = "workspace"): Agent {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundBlockedError(`Only http and https URLs can be called, not ${url.protocol}`);
  const port = defaultPort(url);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  // Literal addresses never reach the lookup hook: check them here.
  if (net.isIP(host)) checkAddress(host, port, host, currentPolicy(purpose), purpose);
  return agentFor(port, purpose);
}

const MAX_REDIRECTS = 5;

export interface OutboundOptions {
  /** `webhook` also honours SWITCHYARD_ALLOW_PRIVATE_WEBHOOKS; default `workspace`. */
  purpose?: OutboundPurpose;
}

/**
 * `fetch` for user-chosen URLs: only http(s), no private addresses unless allowed, redirects
 * followed (up to 5) with every hop checked. Throws OutboundBlockedError for a refused address.
 * Also accepts a `Request` (the MCP SDK passes one), so it can be handed to client libraries as
 * their `fetch`.
 *
 * @example
 * createOpenAI({ baseURL: workspaceBaseUrl, fetch: outboundFetch as typeof fetch });
 */
export async function outboundFetch(input: string | URL | Request, init: RequestInit = {}, options: OutboundOptions = {}): Promise<Response> {
  const purpose = options.purpose ?? "workspace";
  if (input instanceof Request) {
    init = { method: input.method, headers: input.headers, body: input.body, signal: input.signal, redirect: input.redirect, ...init, ...(input.body ? { duplex: "half" } : {}) } as RequestInit;
    input = input.url;
  }
  let url = new URL(input);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  const follow = (init.redirect ?? "follow") === "follow";
  for (let hop = 0; ; hop++) {
    // the scheme and a literal address are checked here; names when connecting
    const dispatcher = outboundDispatcher(url, purpose);
    let res: Response;
    try {
      res = (await undiciFetch(url, {
        ...(init as UndiciRequestInit),
        method,
        body: body as UndiciRequestInit["body"],
        redirect: "manual",
        dispatcher,
      })) as unknown as Response;
    } catch (err) {
      throw findOutboundBlocked(err) ?? err;
    }
    const location = res.headers.get("location");
    if (!follow || res.status < 300 || res.status > 399 || res.status === 304 || !location) return res;
    if (hop >= MAX_REDIRECTS) throw new Error(`Too many redirects (more than ${MAX_REDIRECTS}) from ${new URL(input).host}`);
    await res.body?.cancel();
    url = new URL(location, url);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
    }
  }
}
