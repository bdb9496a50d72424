/**
 * A stand-in for the external vendor registry the procurement template calls
 * (`GET {VENDOR_API_URL}/vendors/verify?name=…`). It behaves like the slow,
 * occasionally unavailable third-party API the workflow is built for: a
 * latency of seconds, a share of 503s, bearer-token auth. `npm run dev`
 * starts it so the demo runs offline; point VENDOR_API_URL at a real registry
 * to use one.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface VendorRecord {
  name: string;
  vendorId: string;
  verified: boolean;
  status: "active" | "suspended" | "unknown";
  risk: "low" | "medium" | "high";
  country: string;
  sanctionsHit: boolean;
}

const KNOWN: VendorRecord[] = [
  { name: "ACME Industrial Supply", vendorId: "V-1001", verified: true, status: "active", risk: "low", country: "DE", sanctionsHit: false },
  { name: "Globex Components", vendorId: "V-1002", verified: true, status: "active", risk: "medium", country: "US", sanctionsHit: false },
  { name: "Initech Office Solutions", vendorId: "V-1003", verified: true, status: "suspended", risk: "high", country: "US", sanctionsHit: false },
  { name: "Umbrella Logistics", vendorId: "V-1004", verified: false, status: "unknown", risk: "high", country: "RO", sanctionsHit: true },
];

/** Case-insensitive lookup by the first word(s) of the name, as registries do with fuzzy search. */
export function lookupVendor(name: string): VendorRecord {
  const needle = name.trim().toLowerCase();
  const found = KNOWN.find((v) => v.name.toLowerCase() === needle) ?? KNOWN.find((v) => needle && (v.name.toLowerCase().includes(needle) || needle.includes(v.name.split(" ")[0].toLowerCase())));
  return found ?? { name, vendorId: "", verified: false, status: "unknown", risk: "high", country: "", sanctionsHit: false };
}

export interface VendorRegistryOptions {
  port?: number;
  host?: string;
  /** response time in ms (default 1500–3000, varying per request) */
  latencyMs?: () => number;
  /** share of requests answered 503 (default 0.1) */
  failureRate?: number;
  apiKey?: string;
}

export async function startVendorRegistry(opts: VendorRegistryOptions = {}) {
  const latency = opts.latencyMs ?? (() => 1500 + Math.floor(Math.random() * 1500));
  const failureRate = opts.failureRate ?? 0.1;
  let requests = 0;
  const server = http.createServer(async (req, res) => {
    requests++;
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/health") return send(200, { ok: true });
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) return send(401, { error: "invalid API key" });
    if (url.pathname !== "/vendors/verify") return send(404, { error: "not found" });
    await new Promise((r) => setTimeout(r, latency()));
    if (Math.random() < failureRate) return send(503, { error: "registry temporarily unavailable, retry later" });
    const name = url.searchParams.get("name") ?? "";
    if (!name) return send(400, { error: "name is required" });
    send(200, { ...lookupVendor(name), checkedAt: new Date().toISOString(), requestId: url.searchParams.get("requestId") });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
