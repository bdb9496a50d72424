-- An inbox item's history (notices sent, votes, reassignments) grows without its Approval row
-- changing: each new event is an `inbox` change too (lib/live), so an open item's history
-- shows it without polling.
CREATE TRIGGER "ApprovalEvent_live" AFTER INSERT ON "ApprovalEvent"
  FOR EACH ROW EXECUTE FUNCTION "live"."record_workspace"('inbox');
