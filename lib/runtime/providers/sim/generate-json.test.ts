import { describe, expect, it } from "vitest";
import { compileJsonSchema } from "@/lib/runtime/agent/json-schema-validator";
import { extractBoolean, extractField, extractNumber } from "./extract-field";
import { generateJson, type JsonSchema } from "./generate-json";
import { createSeededRandom } from "./seeded-random";

const ctx = (source = "", seed = "s") => ({ random: createSeededRandom(seed), source, keywords: ["invoice", "vendor", "payment"] });

describe("extractField", () => {
  it("finds labelled values in prose and JSON, in the name's spoken forms", () => {
    expect(extractField("supplier", "Invoice\nsupplier: ACME Corp\ntotal: 3")).toBe("ACME Corp");
    expect(extractField("invoiceNumber", "Invoice Number = INV-9, due soon")).toBe("INV-9");
    expect(extractField("invoice_number", '{"invoice_number":"INV-7","x":1}')).toBe("INV-7");
    expect(extractField("supplier", "The supplier is unknown")).toBeUndefined();
    // A label must be a whole word: "id" does not match inside "paid".
    expect(extractField("id", "paid: yes")).toBeUndefined();
  });

  it("reads numbers with currency symbols and thousands separators, and yes/no booleans", () => {
    expect(extractNumber("total", "Total: $1,234.50 incl. VAT")).toBe(1234.5);
    expect(extractNumber("total", '{"total":99,"tax":1}')).toBe(99);
    expect(extractBoolean("urgent", "urgent: no")).toBe(false);
    expect(extractBoolean("urgent", "urgent: TRUE")).toBe(true);
    expect(extractBoolean("urgent", "urgent: maybe")).toBeUndefined();
  });
});

describe("generateJson", () => {
  const check = (schema: JsonSchema, source = "", seed = "s") => {
    const value = generateJson(schema, ctx(source, seed));
    expect(compileJsonSchema(schema)(value), JSON.stringify(value)).toEqual({ ok: true });
    return value;
  };

  it("satisfies numeric bounds, multipleOf and integer types", () => {
    for (const seed of ["a", "b", "c", "d", "e"]) {
      check({ type: "object", properties: { n: { type: "integer", minimum: 10, maximum: 12 }, p: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 }, m: { type: "number", multipleOf: 0.25, minimum: 1, maximum: 2 } }, required: ["n", "p", "m"] }, "", seed);
    }
  });

  it("ignores a stated number outside the schema's bounds", () => {
    const value = check({ type: "object", properties: { total: { type: "number", maximum: 100 } } }, "total: 5000") as { total: number };
    expect(value.total).toBeLessThanOrEqual(100);
  });

  it("picks enums deterministically, preferring the value the prompt states", () => {
    const schema = { type: "object", properties: { status: { enum: ["open", "paid", "void"] } } };
    expect(generateJson(schema, ctx("", "x"))).toEqual(generateJson(schema, ctx("", "x")));
    expect(check(schema, "Status: PAID")).toEqual({ status: "paid" });
  });

  it("resolves $ref, allOf, const, nullable types and tuples", () => {
    check({
      $defs: { money: { type: "object", properties: { amount: { type: "number" }, currency: { const: "EUR" } }, required: ["amount", "currency"] } },
      type: "object",
      properties: {
        price: { $ref: "#/$defs/money" },
        both: { allOf: [{ type: "object", properties: { a: { type: "string" } }, required: ["a"] }, { properties: { b: { type: "boolean" } }, required: ["b"] }] },
        maybe: { type: ["string", "null"] },
        pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], minItems: 2, maxItems: 2 },
        tags: { type: "array", items: { enum: ["x", "y"] }, uniqueItems: true, minItems: 2 },
      },
      required: ["price", "both", "maybe", "pair", "tags"],
      additionalProperties: false,
    });
  });

  it("fills string formats and lengths validly", () => {
    for (const seed of ["1", "2", "3"]) {
      check(
        {
          type: "object",
          properties: {
            at: { type: "string", format: "date-time" },
            on: { type: "string", format: "date" },
            site: { type: "string", format: "uri" },
            mail: { type: "string", format: "email" },
            uid: { type: "string", format: "uuid" },
            code: { type: "string", minLength: 12, maxLength: 14 },
          },
          required: ["at", "on", "site", "mail", "uid", "code"],
        },
        "",
        seed,
      );
    }
  });
});

describe("generateJson numbers", () => {
  it("keeps multipleOf exact even with float steps and bounds that are not multiples", () => {
    for (const seed of ["p", "q", "r", "s", "t", "u"]) {
      const value = generateJson({ type: "number", multipleOf: 0.1, minimum: 0.05, maximum: 0.95 }, ctx("", seed)) as number;
      expect(compileJsonSchema({ type: "number", multipleOf: 0.1, minimum: 0.05, maximum: 0.95 })(value), String(value)).toEqual({ ok: true });
    }
  });
});
