/**
 * Synced apps and their functions: stores configs (`POST /fn/register`, in-band sync)
 * and keeps an in-memory copy for routing events, refreshed on NOTIFY from any process.
 */
import { NOTIFY_SYNC } from "./consts";
import { nextCronTime } from "./cron";
import { tx, type Db } from "./db";
import { checkExpression } from "./expressions";
import { eventNameMatches, normaliseFunction, type FunctionDef } from "./functions";
import type { Logger } from "./log";

/** What an app sends when it syncs (out-of-band body or in-band response). */
export interface AppSync {
  appId: string;
  url: string;
  sdk?: string;
  framework?: string;
  functions: Record<string, unknown>[];
}

/** Thrown for a sync that cannot be stored; the message is meant for the app developer. */
export class SyncError extends Error {}

export class Registry {
  private byId = new Map<string, FunctionDef>();
  /** whether any function has concurrency limits (queue items with keys can exist) */
  hasConcurrency = true;
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  /** `engine.registry_state.generation` as of the last reload */
  private generation = -1;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly ttlMs = 10_000,
  ) {}

  /** Reloads every active function from the database. */
  async reload(): Promise<void> {
    if (!this.loading) {
      this.loading = (async () => {
        // one statement, one snapshot: the functions and the generation they belong to
        const { rows } = await this.db.query<{ generation: string; id: string | null; uuid: string; app_id: string; config: Record<string, unknown> }>(
          `select g.generation, f.id, f.uuid, f.app_id, f.config
           from engine.registry_state g left join engine.functions f on f.removed_at is null`,
        );
        const next = new Map<string, FunctionDef>();
        for (const r of rows) {
          if (!r.id) continue;
          try {
            next.set(r.id, normaliseFunction(r.config, r.app_id, r.uuid));
          } catch (err) {
            this.log("warn", "skipping a stored function config that no longer parses", { function_id: r.id, error: (err as Error).message });
          }
        }
        this.byId = next;
        this.generation = Number(rows[0]?.generation ?? 0);
        this.hasConcurrency = [...next.values()].some((f) => f.concurrency.length > 0);
        this.loadedAt = Date.now();
      })().finally(() => (this.loading = null));
    }
    return this.loading;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt > this.ttlMs) await this.reload();
  }

  /** A function by composite id, or undefined when unknown or removed. */
  async get(id: string): Promise<FunctionDef | undefined> {
    await this.fresh();
    let f = this.byId.get(id);
    if (!f) {
      await this.reload();
      f = this.byId.get(id);
    }
    return f;
  }

  /**
   * Makes sure the in-memory registry includes every sync up to `generation` (read by the
   * caller from the database). Another process's sync is announced by NOTIFY, which may
   * arrive after an event sent right after that sync; this closes the gap.
   */
  async atLeast(generation: number): Promise<void> {
    for (let i = 0; i < 3 && this.generation < generation; i++) await this.reload();
  }

  /**
   * Functions with an event trigger whose name matches (expressions are checked by the
   * caller). `generation`: the registry generation the caller's transaction saw.
   */
  async forEvent(name: string, generation?: number): Promise<{ fn: FunctionDef; expression?: string }[]> {
    await this.fresh();
    if (generation !== undefined) await this.atLeast(generation);
    const out: { fn: FunctionDef; expression?: string }[] = [];
    for (const fn of this.byId.values()) {
      for (const t of fn.triggers) {
        if (t.event && eventNameMatches(t.event, name)) {
          out.push({ fn, expression: t.expression });
          break;
        }
      }
    }
    return out;
  }

  /**
   * Stores an app's functions. Functions the app no longer serves are marked removed;
   * cron schedules follow the triggers. Returns whether anything changed.
   */
  async sync(app: AppSync): Promise<{ modified: boolean; functions: number }> {
    if (!app.appId) throw new SyncError("The sync has no app id (appName); upgrade the Inngest SDK.");
    if (!app.url) throw new SyncError(`The sync for app ${app.appId} has no serve URL.`);
    const defs = app.functions.map((cfg) => {
      let def: FunctionDef;
      try {
        def = normaliseFunction(cfg as Record<string, never>, app.appId);
        for (const t of def.triggers) {
          if (t.expression) checkExpression(t.expression);
          if (t.cron) nextCronTime(t.cron, new Date());
        }
        for (const e of [def.idempotency, def.priorityRun, def.batch?.key, def.batch?.if, def.debounce?.key, def.throttle?.key, def.rateLimit?.key, def.singleton?.key, ...def.concurrency.map((c) => c.key), ...def.cancel.map((c) => c.if)]) {
          if (e) checkExpression(e);
        }
      } catch (err) {
        throw new SyncError(`App ${app.appId}: ${(err as Error).message}`);
      }
      return { def, cfg };
    });
    const modified = await tx(this.db, async (c) => {
      await c.query(
        `insert into engine.apps (id, url, sdk, framework) values ($1, $2, $3, $4)
         on conflict (id) do update set url = excluded.url, sdk = excluded.sdk, framework = excluded.framework, synced_at = now()`,
        [app.appId, app.url, app.sdk ?? null, app.framework ?? null],
      );
      let changed = false;
      for (const { def, cfg } of defs) {
        const r = await c.query(
          `insert into engine.functions (id, app_id, url, config) values ($1, $2, $3, $4)
           on conflict (id) do update set app_id = excluded.app_id, url = excluded.url, config = excluded.config,
             removed_at = null, updated_at = now()
           where engine.functions.config is distinct from excluded.config or engine.functions.removed_at is not null
             or engine.functions.url is distinct from excluded.url
           returning id`,
          [def.id, app.appId, def.url, JSON.stringify(cfg)],
        );
        if (r.rowCount) changed = true;
        const crons = def.triggers.filter((t) => t.cron).map((t) => t.cron!);
        await c.query("delete from engine.crons where function_id = $1 and not (cron = any($2))", [def.id, crons]);
        for (const cron of crons) {
          await c.query(
            "insert into engine.crons (function_id, cron, next_at) values ($1, $2, $3) on conflict do nothing",
            [def.id, cron, nextCronTime(cron, new Date())],
          );
        }
      }
      const ids = defs.map((d) => d.def.id);
      const removed = await c.query(
        "update engine.functions set removed_at = now() where app_id = $1 and removed_at is null and not (id = any($2)) returning id",
        [app.appId, ids],
      );
      if (removed.rowCount) {
        changed = true;
        await c.query("delete from engine.crons where function_id = any($1)", [removed.rows.map((r) => r.id)]);
      }
      if (changed) await c.query("update engine.registry_state set generation = generation + 1");
      await c.query(`select pg_notify('${NOTIFY_SYNC}', $1)`, [app.appId]);
      return changed;
    });
    await this.reload();
    this.log("info", "app synced", { app_id: app.appId, functions: defs.length, modified });
    return { modified, functions: defs.length };
  }
}
