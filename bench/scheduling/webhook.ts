/**
 * Benchmark: webhook triggers on a running Switchyard (`npm start` or `npm run dev`).
 *
 * Creates a graph with a webhook trigger (Standard Webhooks) through the public API, makes its
 * secret, and signs deliveries with the `standardwebhooks` package, as a sender would:
 *   (a) delivery → first node started: one delivery at a time (after `--warmup`), the time from
 *       sending it to its run's first NodeRun.startedAt; median and p90 of `--latency` samples;
 *   (b) deliveries accepted per second at `--senders` (32) concurrent senders for `--seconds`,
 *       each answered 202 only after its TriggerFire and Run rows are committed (checked after
 *       the phase: rows = accepted answers); reported as a ratio to raw PostgreSQL INSERT
 *       transactions per second (one row per transaction, autocommit) at the same number of
 *       concurrent clients on the server's own database, measured in the same invocation.
 *
 * Also, unless `--no-run-api`: the run API (`POST /graphs/:id/runs`) at the same concurrency, so the
 * webhook's own cost (verification, the fire record) shows apart from what starting a run costs.
 *
 *   npm run bench -- webhook [--base http://127.0.0.1:3430] [--latency 30] [--warmup 3] [--senders 32] [--seconds 15] [--no-run-api]
 *
 * Needs SWITCHYARD_BOOTSTRAP_API_KEY (the server's owner key) and the server's database:
 * DATABASE_URL, or `<SWITCHYARD_DATA_DIR or .data>/pg.json`. Figures: bench/scheduling/README.md.
 */
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { databaseUrl, serverKey, quantile } from "../running-server";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const BASE = arg("base", process.env.BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const LATENCY_SAMPLES = Number(arg("latency", "30"));
const WARMUP = Number(arg("warmup", "3"));
const SENDERS = Number(arg("senders", "32"));
const SECONDS = Number(arg("seconds", "15"));
const KEY = serverKey();



const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${BASE}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${route} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** A graph whose webhook maps `{ order: { id, total } }` to its input; one output node. */
async function setUp(stamp: string) {
  const graph = await api("POST", "/graphs", {
    name: `Bench webhook ${stamp}`,
    input: { type: "object", properties: { orderId: { type: "string" }, total: { type: "number" } }, required: ["orderId"] },
    triggers: [{ type: "webhook", id: "orders", path: `bench/orders-${stamp}`, input: { orderId: "{{event.body.order.id}}", total: "{{event.body.order.total}}" } }],
    nodes: [{ id: "ack", type: "output", value: { order: "{{input.orderId}}" } }],
  });
  const made = await api("POST", `/graphs/${graph.id}/triggers/orders/secret`);
  return { graphId: graph.id as string, url: made.url as string, wh: new Webhook(made.secret as string) };
}

/** One signed delivery; resolves to the answer's status and run id. */
async function deliver(url: string, wh: Webhook, id: string) {
  const body = JSON.stringify({ order: { id, total: 12.5 } });
  const at = new Date();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "webhook-id": `msg_${id}`, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": wh.sign(`msg_${id}`, at, body) },
    body,
  });
  const json = (await res.json().catch(() => ({}))) as { runId?: string };
  return { status: res.status, runId: json.runId ?? null };
}

async function firstNodeStarted(db: pg.Pool, runId: string, timeoutMs = 30_000): Promise<Date> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(`select min("startedAt") as at from "NodeRun" where "runId" = $1`, [runId]);
    if (rows[0]?.at) return rows[0].at as Date;
    if (Date.now() > until) throw new Error(`run ${runId}: no node started within ${timeoutMs} ms`);
    await sleep(5);
  }
}

async function latencyPhase(db: pg.Pool, url: string, wh: Webhook, stamp: string) {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + LATENCY_SAMPLES; i++) {
    const sentAt = Date.now();
    const answer = await deliver(url, wh, `${stamp}-lat-${i}`);
    if (answer.status !== 202 || !answer.runId) throw new Error(`latency delivery ${i} → ${answer.status}`);
    const started = await firstNodeStarted(db, answer.runId);
    if (i >= WARMUP) samples.push(started.getTime() - sentAt);
  }
  return samples;
}

/** `senders` loops, each sending one delivery after another until the deadline. */
async function throughputPhase(url: string, wh: Webhook, stamp: string) {
  let accepted = 0;
  const refused = new Map<number, number>();
  const deadline = Date.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const answer = await deliver(url, wh, `${stamp}-tp-${s}-${i}`);
        if (answer.status === 202) accepted++;
        else refused.set(answer.status, (refused.get(answer.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { accepted, refused, seconds, perSecond: accepted / seconds };
}

/** The run API at the same concurrency (`POST /graphs/:id/runs` with an API key): what starting a run costs without a webhook. */
async function runApiPhase(graphId: string, stamp: string) {
  let accepted = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const res = await fetch(`${BASE}/api/v1/graphs/${graphId}/runs`, {
          method: "POST",
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ input: { orderId: `${stamp}-api-${s}-${i}`, total: 12.5 }, idempotencyKey: `${stamp}-api-${s}-${i}` }),
        });
        await res.text();
        if (res.status < 300) accepted++;
      }
    }),
  );
  return { accepted, perSecond: accepted / ((performance.now() - t0) / 1000) };
}

/** Raw PostgreSQL: `clients` connections, each committing one single-row INSERT after another. */
async function rawInsertPhase(url: string, clients: number, seconds: number) {
  const table = `bench_webhook_ref_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create table ${table} (id text primary key, received_at timestamptz not null default now(), payload jsonb not null)`);
  let inserted = 0;
  try {
    const deadline = Date.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          for (let i = 0; Date.now() < deadline; i++) {
            await client.query(`insert into ${table} (id, payload) values ($1, $2)`, [`${c}-${i}`, JSON.stringify({ order: { id: `${c}-${i}`, total: 12.5 } })]);
            inserted++;
          }
        } finally {
          await client.end();
        }
      }),
    );
    return { inserted, perSecond: inserted / ((performance.now() - t0) / 1000) };
  } finally {
    await admin.query(`drop table if exists ${table}`);
    await admin.end();
  }
}

async function main() {
  const stamp = Date.now().toString(36);
  const dbUrl = databaseUrl();
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const { graphId, url, wh } = await setUp(stamp);
  console.log(`webhook benchmark against ${BASE} (graph ${graphId})`);

  const latency = await latencyPhase(db, url, wh, stamp);
  console.log(`(a) delivery → first node started, ${latency.length} sequential deliveries after ${WARMUP} warm-up: p50 ${quantile(latency, 0.5).toFixed(0)} ms, p90 ${quantile(latency, 0.9).toFixed(0)} ms, min ${Math.min(...latency)} ms`);

  const reference = await rawInsertPhase(dbUrl, SENDERS, SECONDS);
  const tp = await throughputPhase(url, wh, stamp);
  // durability: every 202 has its fire and its run committed
  const { rows } = await db.query(
    `select (select count(*) from "TriggerFire" f join "Run" r on r.id = f."runId" where f."graphId" = $1 and f.outcome = 'started' and f."dedupeKey" like $2)::int as recorded,
            (select count(*) from "Run" where "graphId" = $1 and "idempotencyKey" like $3)::int as runs`,
    [graphId, `msg_${stamp}-tp-%`, `%:msg_${stamp}-tp-%`],
  );
  const durable = rows[0].recorded === tp.accepted;
  console.log(
    `(b) ${SENDERS} concurrent senders for ${SECONDS} s: ${tp.accepted} deliveries accepted (202) = ${tp.perSecond.toFixed(1)}/s; refused ${JSON.stringify(Object.fromEntries(tp.refused))}; ${rows[0].recorded} started fires with their run rows (${durable ? "every accepted delivery recorded" : "MISMATCH"}); ${rows[0].runs} runs in all`,
  );
  console.log(`    raw PostgreSQL, ${SENDERS} clients, one-row INSERT per transaction for ${SECONDS} s: ${reference.perSecond.toFixed(0)} tx/s`);
  console.log(`    ratio accepted deliveries/s ÷ raw INSERT tx/s = ${(tp.perSecond / reference.perSecond).toFixed(3)}`);
  if (!process.argv.includes("--no-run-api")) {
    const runApi = await runApiPhase(graphId, stamp);
    console.log(`    run API (POST /graphs/:id/runs), ${SENDERS} concurrent callers for ${SECONDS} s: ${runApi.accepted} runs started = ${runApi.perSecond.toFixed(1)}/s; webhook ÷ run API = ${(tp.perSecond / runApi.perSecond).toFixed(2)}`);
  }
  await db.end();
  if (!durable) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
