-- The embedded engine's tables. Private to the engine: the product never reads them.
create schema if not exists engine;

-- Apps known by their serve URL (one row per synced app).
create table engine.apps (
  id          text primary key,                 -- the SDK's app id
  url         text not null,                    -- serve URL (deployId stripped)
  sdk         text,
  framework   text,
  synced_at   timestamptz not null default now()
);

-- Function configs as last synced. A function missing from a re-sync is marked removed.
create table engine.functions (
  id          text primary key,                 -- composite slug "<appId>-<fnId>"
  uuid        uuid not null default gen_random_uuid(),
  app_id      text not null references engine.apps(id),
  url         text not null,                    -- step URL without stepId
  config      jsonb not null,
  removed_at  timestamptz,
  updated_at  timestamptz not null default now()
);

create table engine.events (
  id           text primary key,                -- engine id (ULID)
  external_id  text,                            -- the sender's `id`, if any
  name         text not null,
  payload      jsonb not null,                  -- the event as delivered to functions
  received_at  timestamptz not null default clock_timestamp()
);
create index events_name_received on engine.events (name, received_at);

-- `id` de-duplication window (24 h).
create table engine.event_ids (
  external_id  text primary key,
  event_id     text not null,
  expires_at   timestamptz not null
);

create table engine.runs (
  id               text primary key,            -- ULID
  function_id      text not null,
  event_id         text,
  events           jsonb not null,              -- array given to the function (batch or one event)
  status           text not null default 'queued',
  output           jsonb,
  error            jsonb,
  max_attempts     int not null,
  die              boolean not null default false, -- disable_immediate_execution (after a parallel plan)
  ckeys            text[],                      -- concurrency keys for every call of this run
  climits          int[],
  parent_run_id    text,                        -- step.invoke: the waiting run …
  parent_step_id   text,                        -- … and its step
  start_deadline   timestamptz,
  finish_timeout   interval,
  finish_deadline  timestamptz,
  created_at       timestamptz not null default now(),
  started_at       timestamptz,
  ended_at         timestamptz
);
create index runs_function on engine.runs (function_id, created_at);
create index runs_active_deadlines on engine.runs (status) where status in ('queued', 'running');

create table engine.run_events (
  event_id  text not null,
  run_id    text not null,
  primary key (event_id, run_id)
);

-- Memoized step results. The primary key makes recording exactly-once.
create table engine.steps (
  run_id      text not null,
  id          text not null,                    -- hashed step id
  seq         bigserial,
  memo        jsonb not null,                   -- {"data":…} | {"error":…}
  created_at  timestamptz not null default now(),
  primary key (run_id, id)
);

-- The work queue: calls to apps and timers, claimed with FOR UPDATE SKIP LOCKED.
create table engine.queue (
  id            bigserial primary key,
  kind          text not null default 'call',
  run_id        text,
  step_id       text,                           -- call: planned step to run (null = discovery); timer: step to resume
  memo          jsonb,                          -- timer: the value to record
  payload       jsonb,                          -- batch: {function_id, key}
  attempt       int not null default 0,
  run_at        timestamptz not null default now(),
  sort_at       timestamptz not null default now(), -- run_at minus priority
  ckeys         text[],
  climits       int[],
  locked_by     text,
  lease_token   text,
  locked_until  timestamptz,
  claimed_at    timestamptz,
  created_at    timestamptz not null default now()
);
create index queue_ready on engine.queue (sort_at, id) where locked_by is null;
create index queue_leased on engine.queue (locked_until) where locked_by is not null;
create index queue_run on engine.queue (run_id);
-- at most one pending call per (run, planned step | discovery)
create unique index queue_one_call on engine.queue (run_id, coalesce(step_id, '')) where kind = 'call';

-- step.waitForEvent waits.
create table engine.waits (
  id          bigserial primary key,
  run_id      text not null,
  step_id     text not null,
  event_name  text not null,
  expr        text,
  event       jsonb not null,                   -- the waiting run's triggering event (`event` in the expression)
  expires_at  timestamptz not null,
  timer_id    bigint,
  unique (run_id, step_id)
);
create index waits_name on engine.waits (event_name);

-- cancelOn rules of active runs.
create table engine.cancels (
  id          bigserial primary key,
  run_id      text not null,
  event_name  text not null,
  expr        text,
  event       jsonb not null,
  expires_at  timestamptz
);
create index cancels_name on engine.cancels (event_name);
create index cancels_run on engine.cancels (run_id);

-- Flow control state.
create table engine.flow_keys (                 -- idempotency keys
  function_id  text not null,
  key          text not null,
  run_id       text,
  expires_at   timestamptz not null,
  primary key (function_id, key)
);
create table engine.flow_hits (                 -- rateLimit / throttle admissions
  function_id  text not null,
  kind         text not null,
  key          text not null,
  at           timestamptz not null
);
create index flow_hits_key on engine.flow_hits (function_id, kind, key, at);
create table engine.debounces (
  function_id  text not null,
  key          text not null,
  run_id       text not null,
  first_at     timestamptz not null,
  primary key (function_id, key)
);
create table engine.batches (
  function_id  text not null,
  key          text not null,
  events       jsonb not null default '[]',
  event_ids    text[] not null default '{}',
  created_at   timestamptz not null default now(),
  primary key (function_id, key)
);
create table engine.crons (
  function_id  text not null,
  cron         text not null,
  next_at      timestamptz not null,
  primary key (function_id, cron)
);
