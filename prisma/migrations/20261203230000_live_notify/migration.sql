-- Live updates: what a person may be watching (a run, its nodes and delegations, the inbox)
-- notifies `switchyard_live` after commit, so open screens change without polling
-- (lib/live). The payload names the workspace, the kind of change and the run; the
-- screens read the changed objects through the REST API, as they always did.
CREATE OR REPLACE FUNCTION "switchyard_notify_live"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  PERFORM pg_notify('switchyard_live', json_build_object(
    'w', row_data ->> 'workspaceId',
    'k', TG_ARGV[0],
    'r', CASE WHEN TG_ARGV[0] = 'run' THEN row_data ->> 'id' ELSE row_data ->> 'runId' END,
    's', row_data ->> 'status'
  )::text);
  RETURN NULL;
END $$;

CREATE TRIGGER "Run_notify_live_insert" AFTER INSERT ON "Run"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_live"('run');
-- only what a screen shows: status, cost, pause reason and times (not provenance heads, slots, …)
CREATE TRIGGER "Run_notify_live_update" AFTER UPDATE ON "Run"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."costUsd" IS DISTINCT FROM NEW."costUsd"
                     OR OLD."pausedReason" IS DISTINCT FROM NEW."pausedReason" OR OLD."startedAt" IS DISTINCT FROM NEW."startedAt"
                     OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt" OR OLD."version" IS DISTINCT FROM NEW."version")
  EXECUTE FUNCTION "switchyard_notify_live"('run');
CREATE TRIGGER "Run_notify_live_delete" AFTER DELETE ON "Run"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_live"('run');

CREATE TRIGGER "NodeRun_notify_live_insert" AFTER INSERT ON "NodeRun"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_live"('node');
CREATE TRIGGER "NodeRun_notify_live_update" AFTER UPDATE ON "NodeRun"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."attempts" IS DISTINCT FROM NEW."attempts"
                     OR OLD."costUsd" IS DISTINCT FROM NEW."costUsd" OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt")
  EXECUTE FUNCTION "switchyard_notify_live"('node');

CREATE TRIGGER "Delegation_notify_live" AFTER INSERT OR UPDATE ON "Delegation"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_live"('delegation');

CREATE TRIGGER "Approval_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "Approval"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_live"('inbox');
