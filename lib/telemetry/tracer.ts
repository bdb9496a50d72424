import "server-only";
import type { Attributes } from "@opentelemetry/api";
import type { TracerProvider } from "@opentelemetry/sdk-trace";
import { appVersion, otlpTracesConfig, type OtlpTracesConfig } from "../env";

/**
 * The OpenTelemetry SDK behind the trace export: a `TracerProvider` with a `BatchSpanProcessor`
 * and the OTLP/HTTP exporter, created on the first span, only when an endpoint is configured
 * (lib/env.ts `otlpTracesConfig`). Unset, nothing is loaded or created and every hook returns at
 * once.
 *
 * Spans describe persisted records that reached a terminal state, with the ids and times the
 * records hold (see README.md), so the tracer is given both: the start and end times through the
 * SDK's own options, and the ids through its `IdGenerator` extension point, which hands the SDK
 * the ids of the span being started (the SDK asks for them synchronously inside `startSpan`).
 *
 * The exporter's requests go to the collector the operator configured, not to an address a
 * workspace chose, so they do not pass the outbound guard (lib/net/outbound.ts): a collector on a
 * private address (the usual case: a sidecar, `localhost:4318`) must be reachable without
 * `SWITCHYARD_OUTBOUND_ALLOW`. No workspace can change where spans go.
 *
 * The state lives on `globalThis`: the web process loads this module twice (once in the Next.js
 * server bundle that runs the durable functions, once in scripts/web-server.ts, which flushes it
 * on shutdown), and both must see one provider.
 */

/** One span, as the hooks describe it. */
export interface SpanRecord {
  name: string;
  traceId: string;
  spanId: string;
  /** Absent for the span of a top run. */
  parentSpanId?: string;
  /** `client` for calls to another service (a model provider, an HTTP tool). */
  kind?: "internal" | "client";
  start: Date;
  end: Date;
  attributes: Attributes;
  /** Set when the record failed: the span's status is ERROR with this message. */
  error?: string | null;
}

type Emit = (span: SpanRecord) => void;

interface Sdk {
  provider: TracerProvider;
  emit: Emit;
}

interface TelemetryState {
  config: OtlpTracesConfig | null;
  sdk?: Promise<Sdk>;
  pending: Set<Promise<void>>;
  /** Exports reading their records now, and those waiting for a turn. */
  running: number;
  queue: (() => void)[];
  warned: number;
}

/** Exports that read their records at the same time, per process. */
const MAX_CONCURRENT_EXPORTS = 4;

const STATE = Symbol.for("switchyard.telemetry");
type Global = typeof globalThis & { [STATE]?: TelemetryState };

function state(): TelemetryState {
  const g = globalThis as Global;
  if (!g[STATE]) {
    let config: OtlpTracesConfig | null = null;
    try {
      config = otlpTracesConfig();
    } catch (err) {
      console.warn(JSON.stringify({ level: "warn", msg: "OpenTelemetry export is off: its configuration is invalid", error: (err as Error).message }));
    }
    g[STATE] = { config, pending: new Set(), running: 0, queue: [], warned: 0 };
  }
  return g[STATE];
}

/** True when spans are exported (an OTLP endpoint is configured). */
export function telemetryEnabled(): boolean {
  return state().config !== null;
}

/** True once the exporter exists (it is created with the first span, and never when the export is off). */
export function telemetryExporterCreated(): boolean {
  return !!(globalThis as Global)[STATE]?.sdk;
}

/**
 * Runs `work` in the background when the export is on; it reads what it needs and emits its
 * spans. Never throws and never delays the caller: a failure (a read, the SDK) is logged. Off,
 * it returns at once without calling `work`.
 *
 * @example
 * exportLater(async (emit) => emit({ name: "run", traceId, spanId, start, end, attributes: {} }));
 */
export function exportLater(work: (emit: Emit) => Promise<void>): void {
  const s = state();
  const config = s.config;
  if (!config) return;
  const done: Promise<void> = (async () => {
    s.sdk ??= loadSdk(config);
    const sdk = await s.sdk;
    // a few at a time: the reads of a wide fan-out's spans must not crowd the runs out of the pool
    while (s.running >= MAX_CONCURRENT_EXPORTS) await new Promise<void>((resolve) => s.queue.push(resolve));
    s.running++;
    try {
      await work(sdk.emit);
    } finally {
      s.running--;
      s.queue.shift()?.();
    }
  })()
    .catch((err) => {
      // one line per failure for the first few, then every hundredth: a broken export must not flood the log
      if (s.warned++ < 5 || s.warned % 100 === 0) console.warn(JSON.stringify({ level: "warn", msg: "a span could not be exported", error: String((err as Error)?.message ?? err) }));
    })
    .finally(() => s.pending.delete(done));
  s.pending.add(done);
}

/** At most this long, then whatever `promise` does is no longer waited for (a collector that is down holds no shutdown). */
function within(ms: number, promise: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([
    promise.then(
      () => {},
      () => {},
    ),
    deadline,
  ]).finally(() => clearTimeout(timer));
}

/** Waits for spans being prepared and sends what is buffered, for at most `deadlineMs` (default 5 s). Never throws. */
export async function flushTelemetry(deadlineMs = 5000): Promise<void> {
  const s = (globalThis as Global)[STATE];
  if (!s) return;
  const flush = async () => {
    while (s.pending.size) await Promise.allSettled([...s.pending]);
    if (s.sdk) await (await s.sdk).provider.forceFlush();
  };
  await within(deadlineMs, flush());
}

/**
 * Flushes (see {@link flushTelemetry}) and shuts the exporter down, in at most `deadlineMs`
 * (default 5 s): the processes call it on SIGTERM. The next span reads the configuration again.
 */
export async function shutdownTelemetry(deadlineMs = 5000): Promise<void> {
  const g = globalThis as Global;
  const s = g[STATE];
  if (!s) return;
  const started = Date.now();
  await flushTelemetry(deadlineMs);
  delete g[STATE];
  if (s.sdk)
    await within(
      Math.max(0, deadlineMs - (Date.now() - started)),
      s.sdk.then((sdk) => sdk.provider.shutdown()),
    );
}

async function loadSdk(config: OtlpTracesConfig): Promise<Sdk> {
  const [api, { TracerProvider, BatchSpanProcessor, AlwaysOnSampler }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/sdk-trace"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  let next: { traceId: string; spanId: string } | null = null;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName, "service.version": appVersion() }),
    // every span of a run is exported: a sampled-out parent would orphan children exported by
    // other processes. Sample in the collector (tail sampling) if needed.
    sampler: new AlwaysOnSampler(),
    idGenerator: {
      generateTraceId: () => next?.traceId ?? "",
      generateSpanId: () => next?.spanId ?? "",
    },
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({ url: config.url, headers: config.headers, timeoutMillis: config.timeoutMs }),
        scheduledDelayMillis: 1000,
        exportTimeoutMillis: config.timeoutMs,
      }),
    ],
  });
  const tracer = provider.getTracer("switchyard", appVersion());
  // a record this process exported already (an inbox item several nodes wait on, a step run
  // again in this process) is not sent twice; another process may, with the same ids
  const recent = new Set<string>();
  const emit: Emit = (r) => {
    if (recent.has(r.spanId)) return;
    recent.add(r.spanId);
    if (recent.size > 10_000) recent.delete(recent.values().next().value!);
    const parent = r.parentSpanId ? api.trace.setSpanContext(api.ROOT_CONTEXT, { traceId: r.traceId, spanId: r.parentSpanId, traceFlags: api.TraceFlags.SAMPLED, isRemote: true }) : api.ROOT_CONTEXT;
    next = { traceId: r.traceId, spanId: r.spanId };
    let span: ReturnType<typeof tracer.startSpan>;
    try {
      span = tracer.startSpan(r.name, { kind: r.kind === "client" ? api.SpanKind.CLIENT : api.SpanKind.INTERNAL, startTime: r.start, attributes: r.attributes }, parent);
    } finally {
      next = null;
    }
    if (r.error) span.setStatus({ code: api.SpanStatusCode.ERROR, message: r.error });
    // a clock step between a record's start and end would give a negative duration
    span.end(new Date(Math.max(r.start.getTime(), r.end.getTime())));
  };
  return { provider, emit };
}
