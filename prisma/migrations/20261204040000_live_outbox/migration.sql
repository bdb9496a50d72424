-- Live updates without NOTIFY. A transaction that calls pg_notify takes one lock for the whole
-- database at commit and holds it through its WAL flush, so every transaction that changed a
-- run, a node run, a delegation or an inbox item committed one at a time: measured at 16
-- clients, 4,100 such commits/s against 15,000 without the trigger (`npm run bench --
-- live-writes`). Changes now go to a small outbox instead, which each web process reads every
-- 50 ms while someone watches (lib/live/feed.ts): 12,100 commits/s in the same measurement.
--
-- The outbox is UNLOGGED (not WAL-logged, emptied by a crash restart, which makes every screen
-- re-read anyway) and outside `public`, so it is not part of the Prisma schema. `xid` is the
-- writing transaction's id: a reader takes every row whose transaction may have committed
-- since its last read (xid ≥ the oldest transaction that was still running then), so a
-- change is never skipped because a transaction that started earlier committed later.
DROP TRIGGER IF EXISTS "Run_notify_live_insert" ON "Run";
DROP TRIGGER IF EXISTS "Run_notify_live_update" ON "Run";
DROP TRIGGER IF EXISTS "Run_notify_live_delete" ON "Run";
DROP TRIGGER IF EXISTS "NodeRun_notify_live_insert" ON "NodeRun";
DROP TRIGGER IF EXISTS "NodeRun_notify_live_update" ON "NodeRun";
DROP TRIGGER IF EXISTS "Delegation_notify_live" ON "Delegation";
DROP TRIGGER IF EXISTS "Approval_notify_live" ON "Approval";
DROP FUNCTION IF EXISTS "switchyard_notify_live"();

CREATE SCHEMA IF NOT EXISTS "live";

CREATE UNLOGGED TABLE IF NOT EXISTS "live"."changes" (
  "id"  bigserial PRIMARY KEY,
  "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
  "w"   text NOT NULL,   -- workspace
  "k"   text NOT NULL,   -- kind: run | node | delegation | inbox
  "r"   text,            -- run
  "s"   text             -- status after the change
);
CREATE INDEX IF NOT EXISTS "changes_xid" ON "live"."changes" ("xid");

-- Run rows: the run is the row itself. Reads the columns it needs (not the whole row, whose
-- input and output can be large).
CREATE OR REPLACE FUNCTION "live"."record_run"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "live"."changes" ("w", "k", "r", "s") VALUES (OLD."workspaceId", 'run', OLD."id", OLD."status"::text);
  ELSE
    INSERT INTO "live"."changes" ("w", "k", "r", "s") VALUES (NEW."workspaceId", 'run', NEW."id", NEW."status"::text);
  END IF;
  RETURN NULL;
END $$;

-- Rows that belong to a run (node runs, delegations, inbox items); the kind is the argument.
CREATE OR REPLACE FUNCTION "live"."record_child"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "live"."changes" ("w", "k", "r", "s") VALUES (OLD."workspaceId", TG_ARGV[0], OLD."runId", OLD."status"::text);
  ELSE
    INSERT INTO "live"."changes" ("w", "k", "r", "s") VALUES (NEW."workspaceId", TG_ARGV[0], NEW."runId", NEW."status"::text);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Run_live_insert" AFTER INSERT ON "Run"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_run"();
-- only what a screen shows: status, cost, pause reason and times (not provenance heads, slots, …)
CREATE TRIGGER "Run_live_update" AFTER UPDATE ON "Run"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."costUsd" IS DISTINCT FROM NEW."costUsd"
                     OR OLD."pausedReason" IS DISTINCT FROM NEW."pausedReason" OR OLD."startedAt" IS DISTINCT FROM NEW."startedAt"
                     OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt" OR OLD."version" IS DISTINCT FROM NEW."version")
  EXECUTE FUNCTION "live"."record_run"();
CREATE TRIGGER "Run_live_delete" AFTER DELETE ON "Run"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_run"();

CREATE TRIGGER "NodeRun_live_insert" AFTER INSERT ON "NodeRun"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_child"('node');
CREATE TRIGGER "NodeRun_live_update" AFTER UPDATE ON "NodeRun"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."attempts" IS DISTINCT FROM NEW."attempts"
                     OR OLD."costUsd" IS DISTINCT FROM NEW."costUsd" OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt")
  EXECUTE FUNCTION "live"."record_child"('node');

CREATE TRIGGER "Delegation_live" AFTER INSERT OR UPDATE ON "Delegation"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_child"('delegation');

CREATE TRIGGER "Approval_live" AFTER INSERT OR UPDATE OR DELETE ON "Approval"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_child"('inbox');
