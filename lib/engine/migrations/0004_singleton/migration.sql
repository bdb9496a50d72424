-- `singleton`: at most one active run per function and key.
alter table engine.runs add column if not exists singleton_key text;
create index if not exists runs_singleton on engine.runs (singleton_key)
  where singleton_key is not null and status in ('queued', 'running');
