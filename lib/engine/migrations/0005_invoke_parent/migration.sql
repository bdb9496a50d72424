-- `step.invoke`: one child run per invoking step. The SDK reports a pending invoke again on
-- every call of its parent until the result arrives; the index finds the child already started
-- (and forbids a second one), and lets a parent find its children.
create unique index if not exists runs_invoke_parent on engine.runs (parent_run_id, parent_step_id)
  where parent_run_id is not null;

-- A step result recorded while the run's discovery call is in flight (a child run ending, an
-- event, a timer) cannot queue a second discovery (one per run); it marks the claimed one
-- instead, and settling that call queues a fresh discovery, so the run never stalls.
alter table engine.queue add column if not exists rediscover boolean not null default false;
