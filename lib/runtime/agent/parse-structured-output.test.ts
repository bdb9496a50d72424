import { describe, expect, it } from "vitest";
import { compileJsonSchema } from "./json-schema-validator";
import { parseStructuredOutput } from "./parse-structured-output";

const validate = compileJsonSchema({
  type: "object",
  properties: { total: { type: "number" }, lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } } },
  required: ["total"],
  additionalProperties: false,
});

describe("parseStructuredOutput", () => {
  it("accepts JSON, also inside Markdown fences", () => {
    expect(parseStructuredOutput('{"total": 3}', validate)).toEqual({ ok: true, value: { total: 3 } });
    expect(parseStructuredOutput('```json\n{"total": 3}\n```', validate)).toEqual({ ok: true, value: { total: 3 } });
  });

  it("names every failing path", () => {
    const outcome = parseStructuredOutput('{"lines":[{"sku":1}],"extra":true}', validate);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues.map((i) => i.path).sort()).toEqual(["(root)", "lines[0].sku", "total"]);
  });

  it("explains text that is not JSON", () => {
    const outcome = parseStructuredOutput("Sure! The total is 3.", validate);
    expect(!outcome.ok && outcome.issues).toEqual([{ path: "(root)", message: expect.stringContaining("not valid JSON") }]);
    const empty = parseStructuredOutput("", validate);
    expect(!empty.ok && empty.issues[0]!.message).toContain("empty");
  });
});

describe("compileJsonSchema", () => {
  it("rejects a schema that is not JSON Schema, saying which schema", () => {
    expect(() => compileJsonSchema({ type: "banana" }, "node's output schema")).toThrow(/node's output schema cannot be used/);
  });
});
