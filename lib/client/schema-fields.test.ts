import { describe, expect, it } from "vitest";
import { orderedFields } from "./schema-fields";

describe("orderedFields", () => {
  it("puts required fields first, keeping the schema's order within each group", () => {
    const schema = {
      properties: { body: { type: "string" }, from: { type: "string" }, subject: { type: "string" }, requestId: { type: "string" }, cc: { type: "string" } },
      required: ["subject", "from"],
    };
    expect(orderedFields(schema).map(([name, , required]) => `${name}${required ? "*" : ""}`)).toEqual(["from*", "subject*", "body", "requestId", "cc"]);
  });

  it("keeps the schema's order when nothing or everything is required, and copes with no schema", () => {
    expect(orderedFields({ properties: { z: 1, a: 2 } }).map((f) => f[0])).toEqual(["z", "a"]);
    expect(orderedFields({ properties: { z: 1, a: 2 }, required: ["a", "z"] }).map((f) => f[0])).toEqual(["z", "a"]);
    expect(orderedFields(undefined)).toEqual([]);
  });
});
