-- Live updates for circuit breakers and schedules (lib/live): the supervision and schedules
-- screens change when the server says so instead of polling every 5–10 s. Same outbox as
-- migration 20261204040000; these rows name only the workspace and the kind.
CREATE OR REPLACE FUNCTION "live"."record_workspace"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "live"."changes" ("w", "k") VALUES (OLD."workspaceId", TG_ARGV[0]);
  ELSE
    INSERT INTO "live"."changes" ("w", "k") VALUES (NEW."workspaceId", TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;

-- a breaker's state, its override and its failures (what the screen shows), not every call it counts
CREATE TRIGGER "CircuitBreaker_live_insert" AFTER INSERT OR DELETE ON "CircuitBreaker"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_workspace"('breaker');
CREATE TRIGGER "CircuitBreaker_live_update" AFTER UPDATE ON "CircuitBreaker"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."forcedState" IS DISTINCT FROM NEW."forcedState"
                     OR OLD."failures" IS DISTINCT FROM NEW."failures" OR OLD."nextProbeAt" IS DISTINCT FROM NEW."nextProbeAt")
  EXECUTE FUNCTION "live"."record_workspace"('breaker');
CREATE TRIGGER "BreakerEvent_live" AFTER INSERT ON "BreakerEvent"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_workspace"('breaker');

-- a trigger's schedule, pause and last outcome (not the claim of its firing slot), and each fire
CREATE TRIGGER "Trigger_live_insert" AFTER INSERT OR DELETE ON "Trigger"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_workspace"('schedule');
CREATE TRIGGER "Trigger_live_update" AFTER UPDATE ON "Trigger"
  FOR EACH ROW WHEN (OLD."nextFireAt" IS DISTINCT FROM NEW."nextFireAt" OR OLD."lastFiredAt" IS DISTINCT FROM NEW."lastFiredAt"
                     OR OLD."pausedAt" IS DISTINCT FROM NEW."pausedAt" OR OLD."lastError" IS DISTINCT FROM NEW."lastError"
                     OR OLD."name" IS DISTINCT FROM NEW."name" OR OLD."condition" IS DISTINCT FROM NEW."condition")
  EXECUTE FUNCTION "live"."record_workspace"('schedule');
CREATE TRIGGER "TriggerFire_live" AFTER INSERT ON "TriggerFire"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_workspace"('schedule');
