/**
 * Forecast-error benchmark: `npx tsx scripts/with-db.ts npx tsx --conditions=react-server bench/finops/forecast.ts` (see README.md).
 *
 * For each graph template (lib/graphs/templates/*.json) on the simulated models (`sim:*`, whose
 * token counts are deterministic and grow with the input), through the real runtime (embedded
 * engine, the product's Inngest functions over HTTP, HTTP tools against local stand-ins):
 *
 * 1. no history — N inputs of varied size are forecast (`forecastRun`, what
 *    `POST /api/v1/graphs/:id/forecast` answers) before the version has ever run, so every
 *    forecast is an estimate from counted prompts (p90: output limits; p50: the workspace's
 *    typical output of each model — the templates run one after another in one workspace, so the
 *    first sees no model calls and uses the prior, the later ones the earlier templates' calls);
 *    then the N runs are made;
 * 2. with history — N further inputs are forecast from those N finished runs, then run.
 *
 * Approval steps on the way are approved at once (a person in the loop), budget pauses raised.
 * Each actual cost (the run's ledger total) is compared with its forecast: median absolute %
 * error of p50, and how often the actual is at or under p90.
 *
 * Env: BENCH_RUNS (N per phase, 12), BENCH_TEMPLATES (all, comma-separated slugs), BENCH_CONCURRENCY (4).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "../../lib/testing/test-database";

const N = Number(process.env.BENCH_RUNS ?? 12);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const db = await createTestDatabase("bench_forecast");
process.env.DATABASE_URL = db.url;
process.env.SWITCHYARD_SECRET ??= "bench-secret-0123456789abcdef0123456789";
process.env.SWITCHYARD_SIM_LATENCY_MS = "0";
// the stand-in services listen on 127.0.0.1
process.env.SWITCHYARD_OUTBOUND_ALLOW = "127.0.0.0/8";

const { getPrisma } = await import("../../lib/db/client");
const { startEngine } = await import("../../lib/engine");
const { startVendorRegistry } = await import("../../lib/demo/vendor-registry");
const { GRAPH_TEMPLATES } = await import("../../lib/graphs/templates");
const { systemContext } = await import("../../lib/runtime/system-context");
const { createGraph } = await import("../../lib/graphs/save-graph");
const { putSecret } = await import("../../lib/secrets/secrets");
const { startRun } = await import("../../lib/runs/start-run");
const { forecastRun } = await import("../../lib/finops/forecast-run");
const { usd } = await import("../../lib/finops/money");
const { makeTenant } = await import("../../prisma/factories");

const engine = await startEngine({ databaseUrl: db.url, port: 0, options: { retryBaseMs: 50, pollMs: 200 } });
process.env.INNGEST_DEV = "1";
process.env.INNGEST_BASE_URL = engine.url;
const { serve } = await import("inngest/node");
const { functions, inngest } = await import("../../inngest");
const handler = serve({ client: inngest, functions });
const app = http.createServer((req, res) => void handler(req, res));
await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
await engine.syncApp(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`);

// Stand-ins for the services the templates call: the vendor registry, and one server answering
// the CRM, helpdesk and search APIs with JSON.
const registry = await startVendorRegistry({ latencyMs: () => 5, failureRate: 0, apiKey: "registry-key" });
const services = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const body = url.pathname.startsWith("/customers/")
    ? { id: url.pathname.split("/")[2], name: "Dana Example", plan: "pro", orders: [{ id: "O-1", total: 120 }, { id: "O-2", total: 48 }] }
    : url.pathname === "/search" || url.pathname === "/archive"
      ? { results: Array.from({ length: 5 }, (_, i) => ({ title: `Result ${i + 1} for ${url.searchParams.get("q")}`, url: `https://example.org/${i}`, snippet: "A finding with a number: 42%." })) }
      : { ok: true };
  req.resume();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
});
await new Promise<void>((r) => services.listen(0, "127.0.0.1", () => r()));
const servicesUrl = `http://127.0.0.1:${(services.address() as AddressInfo).port}`;

/** Deterministic inputs whose size grows with `k` (1…). */
const WORDS = "delivery invoice chairs desks contract discount warranty shipping quality support account refund upgrade latency report".split(" ");
const text = (k: number, seed: number) => Array.from({ length: k }, (_, i) => WORDS[(i * 7 + seed) % WORDS.length]).join(" ");
const INPUTS: Record<string, (k: number, i: number) => Record<string, unknown>> = {
  "procurement-approval": (k, i) => ({
    requestId: `PR-${i}`,
    email: {
      from: "sales@acme-industrial.example",
      subject: `Quote for ${k * 4} items`,
      body: `Supplier: ACME Industrial Supply\nItems:\n${Array.from({ length: k }, (_, j) => `${4 + j} x ${WORDS[(j + i) % WORDS.length]} kit at ${(19 + j * 7).toFixed(2)} EUR`).join("\n")}\nNotes: ${text(k * 6, i)}\nDelivery in 3 weeks.`,
    },
  }),
  "support-triage": (k, i) => ({
    ticketId: `T-${i}`,
    customer: { id: `C-${i}`, email: `c${i}@example.com`, plan: i % 5 === 0 ? "enterprise" : "pro" },
    subject: `Problem with ${WORDS[i % WORDS.length]}`,
    body: text(k * 25, i),
  }),
  "research-report": (k, i) => ({ topic: `${text(k * 3, i)} in European logistics`, audience: i % 2 ? "executives" : "engineers", maxWords: 200 * k }),
};

type Sample = { template: string; phase: "no history" | "with history"; k: number; p50: number; p90: number; basis: string; outputBasis: string; actual: number; runId: string };
const samples: Sample[] = [];

const tenant = await makeTenant("Forecast bench");
const ctx = await systemContext(tenant.workspace.id);
for (const [name, value] of [["VENDOR_API_URL", registry.url], ["VENDOR_API_KEY", "registry-key"], ["CRM_API_URL", servicesUrl], ["CRM_API_KEY", "x"], ["HELPDESK_API_URL", servicesUrl], ["HELPDESK_API_KEY", "x"], ["SEARCH_API_URL", servicesUrl], ["SEARCH_API_KEY", "x"]] as const) {
  await putSecret(ctx, name, value);
}

/** Runs one input to the end, approving any approval and raising any budget pause on the way. */
async function runToEnd(graphId: string, input: Record<string, unknown>): Promise<{ runId: string; costUsd: string; status: string }> {
  const { decideApproval } = await import("../../lib/approvals/decide-approval");
  const started = await startRun(ctx, graphId, { input } as never);
  const runId = (started as { runId: string }).runId;
  const until = Date.now() + 120_000;
  for (;;) {
    const run = await getPrisma().run.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "succeeded" || run.status === "failed" || run.status === "cancelled") return { runId, costUsd: run.costUsd.toFixed(), status: run.status };
    if (run.status === "waiting" || run.status === "paused") {
      // decided a moment after the item opens, as a person would: the run's wait for the decision
      // is registered by the step after the one that opened the item
      for (const a of await getPrisma().approval.findMany({ where: { runId, status: "pending", createdAt: { lt: new Date(Date.now() - 1000) } } })) {
        await decideApproval(ctx, a.id, { decision: "approve", comment: "bench", ...(a.kind === "budget" ? { output: { raiseUsd: 5 } } : {}) }).catch(() => undefined);
      }
    }
    if (Date.now() > until) throw new Error(`run ${runId} did not finish within 120 s (status ${run.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function inBatches<T, R>(items: T[], fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENCY) out.push(...(await Promise.all(items.slice(i, i + CONCURRENCY).map(fn))));
  return out;
}

const only = process.env.BENCH_TEMPLATES?.split(",");
const t0 = performance.now();
try {
  for (const template of GRAPH_TEMPLATES.filter((t) => !only || only.includes(t.slug))) {
    const { id: graphId } = await createGraph(ctx, { spec: template.spec });
    const make = INPUTS[template.slug];
    if (!make) throw new Error(`no inputs for template ${template.slug}`);
    // sizes 1…N spread over both phases, interleaved so both see small and large inputs
    const ks = Array.from({ length: 2 * N }, (_, i) => 1 + ((i * 7) % (2 * N)));
    for (const phase of ["no history", "with history"] as const) {
      const batch = ks.filter((_, i) => (phase === "no history" ? i % 2 === 0 : i % 2 === 1)).map((k, j) => ({ k, input: make(k, phase === "no history" ? j : N + j) }));
      const forecasts: Awaited<ReturnType<typeof forecastRun>>[] = [];
      for (const b of batch) forecasts.push(await forecastRun(ctx, graphId, { input: b.input }));
      const results = await inBatches(batch, (b) => runToEnd(graphId, b.input));
      batch.forEach((b, j) => {
        const f = forecasts[j]!;
        const r = results[j]!;
        if (r.status !== "succeeded") log(`${template.slug}: run ${r.runId} ended ${r.status}`);
        const outputBases = [...new Set(f.perNode.map((n) => n.outputBasis))].sort();
        samples.push({ template: template.slug, phase, k: b.k, p50: Number(f.p50Usd), p90: Number(f.p90Usd), basis: f.basis, outputBasis: outputBases.join(" + "), actual: Number(r.costUsd), runId: r.runId });
      });
      log(`${template.slug} ${phase}: ${batch.length} runs (${forecasts.map((f) => f.basis).filter((b, i, a) => a.indexOf(b) === i).join(", ")})`);
    }
  }

  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
  };
  const row = (label: string, phase: string, xs: Sample[]) => {
    const errs = xs.filter((s) => s.actual > 0).map((s) => Math.abs(s.p50 - s.actual) / s.actual);
    const bias = xs.filter((s) => s.actual > 0).map((s) => (s.p50 - s.actual) / s.actual);
    const within = xs.filter((s) => s.actual <= s.p90).length;
    const mean = (f: (s: Sample) => number) => xs.reduce((a, s) => a + f(s), 0) / xs.length;
    const bases = [...new Set(xs.map((s) => s.outputBasis))].sort().join(", ");
    return `| ${label} | ${phase} | ${bases} | ${xs.length} | ${(median(errs) * 100).toFixed(1)}% | ${median(bias) >= 0 ? "+" : ""}${(median(bias) * 100).toFixed(1)}% | ${within}/${xs.length} (${((within / xs.length) * 100).toFixed(0)}%) | $${mean((s) => s.actual).toFixed(5)} | $${mean((s) => s.p50).toFixed(5)} | $${mean((s) => s.p90).toFixed(5)} |`;
  };
  const lines = [
    `Forecast vs actual on the simulated models: ${N} runs per template and phase (input sizes 1…${2 * N}), ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
    "",
    "| template | forecast | p50 output from | runs | median abs. error of p50 | median bias of p50 | actual ≤ p90 | mean actual | mean p50 | mean p90 |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const templates = [...new Set(samples.map((s) => s.template))];
  for (const t of templates) for (const phase of ["no history", "with history"] as const) lines.push(row(t, phase, samples.filter((s) => s.template === t && s.phase === phase)));
  for (const phase of ["no history", "with history"] as const) lines.push(row("**all**", phase, samples.filter((s) => s.phase === phase)));
  const check = await getPrisma().costEntry.aggregate({ _sum: { costUsd: true } });
  const total = samples.reduce((a, s) => a.plus(usd(String(s.actual))), usd(0));
  lines.push("", `Ledger total $${check._sum.costUsd?.toFixed() ?? 0} for the ${samples.length} runs (sum of run costs $${total.toFixed()}). Bias > 0: the forecast was too high.`);
  console.log(lines.join("\n"));
} finally {
  await engine.stop(2000);
  app.closeAllConnections();
  await new Promise<void>((r) => app.close(() => r()));
  services.closeAllConnections();
  await new Promise<void>((r) => services.close(() => r()));
  await registry.close();
  await getPrisma().$disconnect();
  await db.drop();
}
