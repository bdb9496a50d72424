import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { checkEditedOutput } from "./check-edited-output";

const context = { question: "?", outputSchema: { type: "object", properties: { vendor: { type: "string" }, lines: { type: "array", items: { type: "object", properties: { qty: { type: "number" } }, required: ["qty"] } } }, required: ["vendor"] } };

describe("checkEditedOutput", () => {
  it("takes an output that matches the schema, and any output when the item has none", () => {
    expect(() => checkEditedOutput(context, { vendor: "ACME", lines: [{ qty: 2 }] })).not.toThrow();
    expect(() => checkEditedOutput({ question: "?" }, 42)).not.toThrow();
    expect(() => checkEditedOutput(null, { anything: true })).not.toThrow();
  });

  it("refuses a mismatch with a 422 naming each field under output", () => {
    let err: unknown;
    try {
      checkEditedOutput(context, { vendor: 5, lines: [{ qty: "two" }] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.status).toBe(422);
    expect(e.issues?.map((i) => i.path).sort()).toEqual(["output.lines[0].qty", "output.vendor"]);
    expect(e.message).toContain("output.vendor");
    expect(() => checkEditedOutput(context, "just text")).toThrow(/output: /);
  });
});
