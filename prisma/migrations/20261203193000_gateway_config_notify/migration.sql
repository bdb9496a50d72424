-- The LLM gateway keeps what its calls read (API keys, provider credentials, prices, budgets)
-- in memory; every change to them notifies `switchyard_config` (after commit) with the
-- workspace's id, or '*' for rows of no workspace (operator-wide prices), so it drops them.
CREATE OR REPLACE FUNCTION "switchyard_notify_config"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchyard_config', coalesce(to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0], '*'));
  RETURN NULL;
END $$;

CREATE TRIGGER "ApiKey_notify_config" AFTER INSERT OR DELETE ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_config"('workspaceId');
-- lastUsedAt is written once a minute per key in use: nothing the gateway keeps
CREATE TRIGGER "ApiKey_notify_config_update" AFTER UPDATE ON "ApiKey"
  FOR EACH ROW WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
                     OR OLD."role" IS DISTINCT FROM NEW."role" OR OLD."hash" IS DISTINCT FROM NEW."hash" OR OLD."workspaceId" IS DISTINCT FROM NEW."workspaceId")
  EXECUTE FUNCTION "switchyard_notify_config"('workspaceId');
CREATE TRIGGER "ProviderCredential_notify_config" AFTER INSERT OR UPDATE OR DELETE ON "ProviderCredential"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_config"('workspaceId');
CREATE TRIGGER "ModelPrice_notify_config" AFTER INSERT OR UPDATE OR DELETE ON "ModelPrice"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_config"('workspaceId');
CREATE TRIGGER "Budget_notify_config" AFTER INSERT OR UPDATE OR DELETE ON "Budget"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_config"('workspaceId');
CREATE TRIGGER "Workspace_notify_config" AFTER UPDATE OR DELETE ON "Workspace"
  FOR EACH ROW EXECUTE FUNCTION "switchyard_notify_config"('id');
