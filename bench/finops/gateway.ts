/**
 * Benchmark: what the LLM gateway adds to a call, on a running Switchyard (`npm start`).
 *
 * The official `openai` client calls a stub OpenAI server this benchmark starts on 127.0.0.1
 * (it answers at once), once directly and once through
 * `<base>/api/v1/llm/openai/v1/chat/completions`, the two paths alternating call by call:
 *   (a) sequential: `--calls` (300) calls per path after `--warmup` (20); p50/p95 of each and the
 *       overhead (gateway p50 − direct p50);
 *   (b) throughput at `--concurrency` (16) callers for `--seconds` (5) per round, direct and
 *       gateway rounds alternating, `--rounds` (2) each; median calls/s of each and the ratio;
 *   (c) the same through `/v1/embeddings` and `/v1/responses` (sequential p50, `--calls` ÷ 3);
 *   (d) unless `--no-budget`: a workspace budget is set and (a)'s gateway leg runs again, so the
 *       price of reserving before the call and settling after it shows apart.
 * Afterwards it checks that every gateway call of the run left exactly one ledger row (the
 * benchmark's calls carry their own `x-switchyard-agent`).
 *
 * The server must send `openai:` models to the stub:
 *
 *   OPENAI_BASE_URL=http://127.0.0.1:8441/v1 OPENAI_API_KEY=sk-stub SWITCHYARD_BOOTSTRAP_API_KEY=sy_… npm start
 *   npm run bench -- gateway [--base http://127.0.0.1:3000] [--stub-port 8441] [--calls 300] [--warmup 20] [--concurrency 16] [--seconds 5] [--rounds 2] [--no-budget]
 *
 * Needs SWITCHYARD_BOOTSTRAP_API_KEY (the server's owner key) and the server's database:
 * DATABASE_URL, or `<SWITCHYARD_DATA_DIR or .data>/pg.json`. Figures: bench/finops/README.md.
 */
import { createServer } from "node:http";
import OpenAI from "openai";
import pg from "pg";
import { databaseUrl, serverKey, quantile } from "../running-server";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const BASE = arg("base", process.env.BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const STUB_PORT = Number(arg("stub-port", "8441"));
const CALLS = Number(arg("calls", "300"));
const WARMUP = Number(arg("warmup", "20"));
const CONCURRENCY = Number(arg("concurrency", "16"));
const SECONDS = Number(arg("seconds", "5"));
const ROUNDS = Number(arg("rounds", "2"));
const WITH_BUDGET = !process.argv.includes("--no-budget");
const KEY = serverKey();



const median = (xs: number[]) => quantile(xs, 0.5);

/** The stub: answers chat completions, responses and embeddings at once, with usage. */
function startStub(port: number) {
  const usage = { prompt_tokens: 24, completion_tokens: 12, total_tokens: 36 };
  const chat = JSON.stringify({
    id: "chatcmpl-bench", object: "chat.completion", created: 1_764_000_000, model: "gpt-4o-mini",
    choices: [{ index: 0, message: { role: "assistant", content: "The quote from ACME is within the agreed price band." }, finish_reason: "stop" }],
    usage,
  });
  const responses = JSON.stringify({
    id: "resp_bench", object: "response", created_at: 1_764_000_000, status: "completed", model: "gpt-4o-mini",
    output: [{ type: "message", id: "msg_bench", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Approved within the band.", annotations: [] }] }],
    usage: { input_tokens: 24, output_tokens: 12, total_tokens: 36, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
  });
  const embeddings = JSON.stringify({
    object: "list", model: "text-embedding-3-small",
    data: [{ object: "embedding", index: 0, embedding: Array.from({ length: 16 }, (_, i) => i / 16) }],
    usage: { prompt_tokens: 8, total_tokens: 8 },
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body = req.url?.endsWith("/embeddings") ? embeddings : req.url?.endsWith("/responses") ? responses : chat;
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise<typeof server>((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

const agent = `bench-gateway-${Date.now().toString(36)}`;
const direct = new OpenAI({ apiKey: "sk-stub", baseURL: `http://127.0.0.1:${STUB_PORT}/v1`, maxRetries: 0 });
const gateway = new OpenAI({ apiKey: KEY, baseURL: `${BASE}/api/v1/llm/openai/v1`, maxRetries: 0, defaultHeaders: { "x-switchyard-agent": agent } });
const request = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "Is the ACME quote for 40 pallets within the agreed price band?" }], max_tokens: 64 };

const chatCall = (c: OpenAI) => c.chat.completions.create(request);
const embedCall = (c: OpenAI) => c.embeddings.create({ model: "text-embedding-3-small", input: "ACME Industrial Supply, 40 pallets" });
const responsesCall = (c: OpenAI) => c.responses.create({ model: "gpt-4o-mini", input: "Is the ACME quote within the agreed price band?", max_output_tokens: 64 });

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Sequential, the two paths alternating call by call. */
async function alternate(calls: number, call: (c: OpenAI) => Promise<unknown>) {
  const d: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < calls; i++) {
    d.push(await timed(() => call(direct)));
    g.push(await timed(() => call(gateway)));
  }
  return { direct: d, gateway: g };
}

async function throughput(client: OpenAI): Promise<{ perSecond: number; calls: number }> {
  const until = performance.now() + SECONDS * 1000;
  let calls = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await chatCall(client);
        calls++;
      }
    }),
  );
  return { perSecond: calls / ((performance.now() - t0) / 1000), calls };
}

const fmt = (ms: number) => ms.toFixed(2);

async function main() {
  const stub = await startStub(STUB_PORT);
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  let gatewayCalls = 0;
  const countGateway = (c: OpenAI, n: number) => {
    if (c === gateway) gatewayCalls += n;
  };
  try {
    // The server must reach the stub: one call says whether it is set up.
    try {
      await chatCall(gateway);
      gatewayCalls++;
    } catch (err) {
      console.error(`The gateway call failed: ${(err as Error).message}\nStart the server with OPENAI_BASE_URL=http://127.0.0.1:${STUB_PORT}/v1 OPENAI_API_KEY=sk-stub.`);
      process.exit(1);
    }
    const warm = await alternate(WARMUP, chatCall);
    gatewayCalls += warm.gateway.length;

    const seq = await alternate(CALLS, chatCall);
    gatewayCalls += seq.gateway.length;

    const rounds = { direct: [] as number[], gateway: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, client] of [["direct", direct], ["gateway", gateway]] as const) {
        const t = await throughput(client);
        rounds[name].push(t.perSecond);
        countGateway(client, t.calls);
      }
    }

    const other = Math.max(10, Math.round(CALLS / 3));
    const optional = async (call: (c: OpenAI) => Promise<unknown>) => {
      try {
        const r = await alternate(other, call);
        gatewayCalls += r.gateway.length;
        return r;
      } catch (err) {
        console.error(`(${(err as Error).message})`);
        return null;
      }
    };
    const emb = await optional(embedCall);
    const resp = await optional(responsesCall);

    let budgeted: number[] | null = null;
    let budgetId: string | null = null;
    if (WITH_BUDGET) {
      const res = await fetch(`${BASE}/api/v1/budgets`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `Bench gateway ${agent}`, scope: "agent", scopeRef: agent, period: "month", limitUsd: "1000", onExceed: "stop" }),
      });
      if (!res.ok) throw new Error(`Creating the budget failed: ${res.status} ${await res.text()}`);
      budgetId = ((await res.json()) as { id: string }).id;
      await alternate(WARMUP, chatCall);
      gatewayCalls += WARMUP;
      budgeted = (await alternate(CALLS, chatCall)).gateway;
      gatewayCalls += CALLS;
    }

    const { rows } = await db.query<{ n: string }>(`select count(*)::text as n from "CostEntry" where "agent" = $1`, [agent]);
    const recorded = Number(rows[0]!.n);
    const held = await db.query<{ n: string }>(`select count(*)::text as n from "BudgetReservation" where "status" = 'held' and "attribution"->>'agent' = $1`, [agent]);
    if (budgetId) await fetch(`${BASE}/api/v1/budgets/${budgetId}`, { method: "DELETE", headers: { authorization: `Bearer ${KEY}` } });

    const dP50 = median(seq.direct);
    const gP50 = median(seq.gateway);
    const dTp = median(rounds.direct);
    const gTp = median(rounds.gateway);
    const overhead = gP50 - dP50;
    const ratio = gTp / dTp;
    const load = (await import("node:os")).loadavg()[0]!.toFixed(1);
    console.log(`\nLLM gateway, ${new Date().toISOString()}, ${CALLS} sequential calls per path after ${WARMUP} warm-up, ${CONCURRENCY} concurrent × ${SECONDS} s × ${ROUNDS} rounds; load average (1 min) at end ${load}\n`);
    console.log(`| chat completions | p50 (ms) | p95 (ms) | at ${CONCURRENCY} concurrent (calls/s) |`);
    console.log("|---|---:|---:|---:|");
    console.log(`| directly to the stub | ${fmt(dP50)} | ${fmt(quantile(seq.direct, 0.95))} | ${dTp.toFixed(0)} |`);
    console.log(`| through the gateway | ${fmt(gP50)} | ${fmt(quantile(seq.gateway, 0.95))} | ${gTp.toFixed(0)} |`);
    if (budgeted) console.log(`| through the gateway, with a budget (reserve + settle) | ${fmt(median(budgeted))} | ${fmt(quantile(budgeted, 0.95))} | — |`);
    console.log("");
    console.log("| other endpoints (sequential) | direct p50 (ms) | gateway p50 (ms) | overhead (ms) |");
    console.log("|---|---:|---:|---:|");
    for (const [name, r] of [["/v1/embeddings", emb], ["/v1/responses", resp]] as const) {
      console.log(r ? `| ${name} | ${fmt(median(r.direct))} | ${fmt(median(r.gateway))} | ${fmt(median(r.gateway) - median(r.direct))} |` : `| ${name} | — | not served | — |`);
    }
    console.log("");
    console.log(`- overhead at p50: ${fmt(overhead)} ms (target ≤ 2.5 ms): ${overhead <= 2.5 ? "met" : "not met"}`);
    console.log(`- ${CONCURRENCY}-concurrent throughput: ${ratio.toFixed(2)}× direct (target ≥ 0.4×): ${ratio >= 0.4 ? "met" : "not met"}`);
    if (budgeted) console.log(`- a budget adds ${fmt(median(budgeted) - gP50)} ms at p50 (reserve before, settle after)`);
    console.log(`- ledger rows for this run's ${gatewayCalls} gateway calls: ${recorded}${recorded === gatewayCalls ? " (one each)" : " — MISMATCH"}; reservations still held: ${held.rows[0]!.n}`);
    if (recorded !== gatewayCalls) process.exitCode = 1;
  } finally {
    await db.end();
    stub.close();
  }
}

await main();
