-- Next-due lookups (timers) and retention sweeps.
create index if not exists queue_due on engine.queue (run_at) where locked_by is null;
create index if not exists runs_ended on engine.runs (ended_at) where ended_at is not null;
create index if not exists events_received on engine.events (received_at);
create index if not exists run_events_run on engine.run_events (run_id);
