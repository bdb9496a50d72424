/**
 * A small OTLP/HTTP trace receiver on 127.0.0.1, standing in for a collector (Jaeger, Tempo,
 * Langfuse, …): it accepts `POST /v1/traces` in the OTLP JSON encoding (what
 * `@opentelemetry/exporter-trace-otlp-http` sends) and keeps the spans, their resource and the
 * request headers. `hang: true` accepts requests and never answers (a collector that is down
 * behind a load balancer).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type AnyValue = { stringValue?: string; intValue?: number | string; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] } };
type KeyValue = { key: string; value: AnyValue };
/** A span in the OTLP JSON encoding (ids in hex, times in nanoseconds as strings). */
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status?: { code?: number; message?: string };
  attributes?: KeyValue[];
};

/** One received span, attributes decoded. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startMs: number;
  endMs: number;
  status: { code: number; message?: string };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string;
}

function decode(v: AnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(decode);
  return undefined;
}

const attrs = (list: KeyValue[] | undefined) => Object.fromEntries((list ?? []).map((kv) => [kv.key, decode(kv.value)]));
const nanosToMs = (n: string | number) => Number(BigInt(n) / 1_000_000n);

export async function startOtlpReceiver(opts: { hang?: boolean } = {}) {
  const spans: ReceivedSpan[] = [];
  const requests: { headers: http.IncomingHttpHeaders; contentType?: string }[] = [];
  const server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    requests.push({ headers: req.headers, contentType: req.headers["content-type"] });
    if (opts.hang) return;
    if (req.method !== "POST" || req.url !== "/v1/traces" || !req.headers["content-type"]?.includes("application/json")) {
      res.writeHead(415).end();
      return;
    }
    const payload = JSON.parse(body) as {
      resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[];
    };
    for (const rs of payload.resourceSpans ?? []) {
      const resource = attrs(rs.resource?.attributes);
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          spans.push({
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
            kind: s.kind,
            startMs: nanosToMs(s.startTimeUnixNano),
            endMs: nanosToMs(s.endTimeUnixNano),
            status: { code: s.status?.code ?? 0, message: s.status?.message },
            attributes: attrs(s.attributes),
            resource,
            scope: ss.scope?.name ?? "",
          });
        }
      }
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ partialSuccess: {} }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
