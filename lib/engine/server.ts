/**
 * The engine's HTTP surface: event API, app sync, checkpoints, and the admin API.
 * Handlers parse, call one operation, and answer JSON; errors become `{error}` with a status.
 */
import http from "node:http";
import { Headers, Limits, Paths, RunStatus } from "./consts";
import type { EngineContext } from "./context";
import { isConnectionError, tx } from "./db";
import { validateEvents } from "./event-validation";
import { HttpError, parseJson, readBody, sendJson, sendRaw } from "./http-util";
import { ingestEvents } from "./ingest";
import { CheckpointWriter, type CheckpointBody } from "./checkpoint";
import { SyncError } from "./registry";
import { finishRun } from "./runs";
import { verifyBearer } from "./signing";
import { syncAppUrl } from "./sync";
import type { Worker } from "./worker";

export function createServer(ctx: EngineContext, worker: Worker): http.Server {
  const checkpoints = new CheckpointWriter(ctx.db);
  const requireKey = (req: http.IncomingMessage) => {
    if (ctx.signingKey && !verifyBearer(req.headers[Headers.authorization], ctx.signingKey)) {
      throw new HttpError(401, "Missing or wrong Authorization: send `Bearer <signing key>` (raw or hashed) for this engine.");
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const method = req.method ?? "GET";
    // The hottest route (one request per step) first, matched on the raw URL.
    if (method === "POST" && req.url?.startsWith(Paths.checkpointPrefix)) {
      requireKey(req);
      const m = /^\/v1\/checkpoint\/([^/?]+)\/async(?:\?|$)/.exec(req.url);
      if (!m) throw new HttpError(404, `No such checkpoint route ${req.url.split("?")[0]}.`);
      const body = parseJson(await readBody(req, Limits.maxRequestBytes)) as CheckpointBody;
      const r = await checkpoints.record(decodeURIComponent(m[1]!), body);
      if (r === "stale") return sendJson(res, 409, { error: "This call is stale: the run was cancelled or re-dispatched." });
      return sendRaw(res, 200, OK_BODY);
    }
    const url = new URL(req.url ?? "/", "http://engine");
    const path = url.pathname;

    if (method === "POST" && path.startsWith(Paths.events)) {
      const key = decodeURIComponent(path.slice(Paths.events.length));
      if (ctx.eventKey && key !== ctx.eventKey) throw new HttpError(401, "Unknown event key. Send events to /e/<ENGINE_EVENT_KEY>.");
      const events = validateEvents(parseJson(await readBody(req, Limits.maxRequestBytes)));
      let claim = worker.collector();
      let result;
      try {
        result = await tx(
          ctx.db,
          (c) => {
            claim.finish(false); // a retried attempt starts with fresh reservations
            claim = worker.collector();
            return ingestEvents(c, ctx, events, { claim });
          },
          { onQueued: ctx.wake }, // runs not claimed above, waits just resumed
        );
      } catch (err) {
        claim.finish(false);
        throw err;
      }
      claim.finish(true);

      return sendJson(res, 200, { ids: result.ids, status: 200 });
    }

    if (method === "POST" && path === Paths.register) {
      requireKey(req);
      const body = parseJson(await readBody(req, Limits.maxRequestBytes)) as Record<string, unknown>;
      try {
        const r = await ctx.registry.sync({
          appId: String(body.appName ?? body.app_id ?? ""),
          url: String(body.url ?? ""),
          sdk: typeof body.sdk === "string" ? body.sdk : undefined,
          framework: typeof body.framework === "string" ? body.framework : undefined,
          functions: Array.isArray(body.functions) ? (body.functions as Record<string, unknown>[]) : [],
        });
        return sendJson(res, 200, { ok: true, modified: r.modified, status: 200 });
      } catch (err) {
        if (err instanceof SyncError) return sendJson(res, 400, { status: 400, error: err.message });
        throw err;
      }
    }

    if (method === "POST" && path === Paths.sync) {
      requireKey(req);
      const body = parseJson(await readBody(req, 64 * 1024)) as { url?: unknown };
      if (typeof body?.url !== "string") throw new HttpError(400, 'Send {"url": "<the app\'s serve URL>"}.');
      try {
        return sendJson(res, 200, await syncAppUrl(ctx, body.url));
      } catch (err) {
        if (err instanceof SyncError) throw new HttpError(502, err.message);
        throw err;
      }
    }

    if (path.startsWith(Paths.runsPrefix)) {
      requireKey(req);
      const m = /^\/v1\/runs\/([^/]+)(\/cancel)?$/.exec(path);
      if (!m) throw new HttpError(404, `No route ${method} ${path}.`);
      const runId = decodeURIComponent(m[1]!);
      if (method === "POST" && m[2]) {
        const done = await tx(ctx.db, (c) =>
          finishRun(c, ctx, runId, RunStatus.cancelled, { error: { name: "Cancelled", message: "Cancelled through the API" } }, worker.emit),
        );
        const run = await getRun(ctx, runId);
        if (!run) throw new HttpError(404, `Run ${runId} not found.`);
        return sendJson(res, 200, { cancelled: done, run });
      }
      if (method === "GET" && !m[2]) {
        const run = await getRun(ctx, runId);
        if (!run) throw new HttpError(404, `Run ${runId} not found.`);
        return sendJson(res, 200, run);
      }
    }

    if (method === "GET" && path.startsWith(Paths.eventsPrefix)) {
      requireKey(req);
      const m = /^\/v1\/events\/([^/]+)\/runs$/.exec(path);
      if (!m) throw new HttpError(404, `No route ${method} ${path}.`);
      const id = decodeURIComponent(m[1]!);
      const r = await ctx.db.query(
        `select r.id, r.function_id, r.status, r.output, r.error, r.created_at, r.ended_at,
           (select count(*)::int from engine.steps s where s.run_id = r.id) as steps
         from engine.run_events e join engine.runs r on r.id = e.run_id
         where e.event_id = $1 or e.event_id = (select event_id from engine.event_ids where external_id = $1)
         order by r.id`,
        [id],
      );
      return sendJson(res, 200, { data: r.rows });
    }

    if (method === "GET" && path === Paths.health) {
      try {
        const r = await ctx.db.query<{ ready: string; leased: string }>(
          "select count(*) filter (where locked_by is null and run_at <= now()) as ready, count(*) filter (where locked_by is not null) as leased from engine.queue",
        );
        return sendJson(res, 200, {
          status: "ok",
          db: "ok",
          worker_id: ctx.workerId,
          workers: { busy: worker.busy, concurrency: ctx.options.concurrency },
          queue: { ready: Number(r.rows[0]!.ready), leased: Number(r.rows[0]!.leased) },
        });
      } catch (err) {
        return sendJson(res, 503, { status: "unavailable", db: "unreachable", error: (err as Error).message });
      }
    }

    throw new HttpError(404, `No route ${method} ${path}.`);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message, status: err.status });
      if (isConnectionError(err)) {
        ctx.log("warn", "request failed: database unavailable", { method: req.method, path: req.url?.split("?")[0] });
        return sendJson(res, 503, { error: "The engine's database is unavailable; retry shortly.", status: 503 }, { "retry-after": "1" });
      }
      ctx.log("error", "request failed", { method: req.method, path: req.url?.split("?")[0], error: (err as Error).message });
      sendJson(res, 500, { error: "Internal engine error; see the engine log.", status: 500 });
    });
  });
  server.on("close", () => checkpoints.close()); // before the pool ends (engine.stop)
  return server;
}

const OK_BODY = JSON.stringify({ ok: true });

/** A run as the admin API reports it. */
export async function getRun(ctx: EngineContext, runId: string): Promise<Record<string, unknown> | null> {
  const r = await ctx.db.query(
    `select id, function_id, event_id, status, output, error, created_at, started_at, ended_at,
       (select count(*)::int from engine.steps s where s.run_id = r.id) as steps
     from engine.runs r where id = $1`,
    [runId],
  );
  return r.rows[0] ?? null;
}


