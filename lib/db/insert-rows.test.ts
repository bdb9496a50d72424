import { describe, expect, it } from "vitest";
import { insertRowsSql, insertTenantRowsSql } from "./insert-rows";

describe("insertRowsSql", () => {
  it("inserts every row in one statement with one JSON parameter, missing fields as null", () => {
    const sql = insertRowsSql("TriggerFire", { id: "text", outcome: "text", payload: "jsonb" }, [{ id: "a", outcome: "started", payload: { x: 1 } }, { id: "b" }]);
    expect(sql.sql).toBe('insert into "TriggerFire" ("id", "outcome", "payload") select "id", "outcome", "payload" from jsonb_to_recordset(?::jsonb) as t("id" text, "outcome" text, "payload" jsonb)');
    expect(JSON.parse(sql.values[0] as string)).toEqual([
      { id: "a", outcome: "started", payload: { x: 1 } },
      { id: "b", outcome: null, payload: null },
    ]);
  });

  it("a tenant insert gives every row the workspace's id, whatever it carried", () => {
    const sql = insertTenantRowsSql("ws_1", "Run", { id: "text" }, [{ id: "r", workspaceId: "ws_other" }]);
    expect(JSON.parse(sql.values[0] as string)).toEqual([{ id: "r", workspaceId: "ws_1" }]);
  });

  it("refuses a name that is not a plain identifier", () => {
    expect(() => insertRowsSql('Run"; drop table "Run', { id: "text" }, [])).toThrow(/Not a column or table name/);
    expect(() => insertRowsSql("Run", { "id) --": "text" }, [])).toThrow(/Not a column or table name/);
  });
});
