import { describe, expect, it } from "vitest";
import { extractField, extractNumber } from "./extract-field";
import { detectCurrency, enumFromStatement, judgeVerdict, parseLineItems } from "./read-business";

describe("reading business text", () => {
  it("finds ids after their noun, the sender as supplier, and tax as VAT", () => {
    expect(extractField("requestId", "Request: PR-2291\nFrom: x")).toBe("PR-2291");
    expect(extractField("requestId", "Request: please hurry")).toBeUndefined();
    expect(extractField("supplier", "From: ACME Ltd <sales@acme.example>\nSubject: Quote")).toBe("ACME Ltd");
    expect(extractField("supplier", "Vendor: Globex\nFrom: Someone")).toBe("Globex");
    expect(extractNumber("tax", "Subtotal: 100\nVAT: EUR 19.00")).toBe(19);
  });

  it("names currencies by code or symbol, and never a phrase", () => {
    expect(detectCurrency("Total: € 1,200.00")).toBe("EUR");
    expect(detectCurrency("Amount 12 usd, then EUR 3")).toBe("USD");
    expect(detectCurrency("Berlin Hardware, order 121.52")).toBeUndefined();
  });

  it("reads order lines with SKUs, symbols and labels", () => {
    expect(parseLineItems("- 3 pcs Cable (SKU C-1) @ $4.50 each\nItems: 2 x Desk lamp at 30.00 EUR\nTotal: 43.50")).toEqual([
      { quantity: 3, description: "Cable", unitPrice: 4.5, sku: "C-1", currency: "USD" },
      { quantity: 2, description: "Desk lamp", unitPrice: 30, currency: "EUR" },
    ]);
  });

  it("maps a stated decision onto the enum, and judges an unstated one from the data", () => {
    const values = ["approve", "reject", "hold"];
    expect(enumFromStatement(values, "approve by user:usr_1 (fine)")).toBe("approve");
    expect(enumFromStatement(values, "Rejected")).toBe("reject");
    expect(enumFromStatement(values, " by  ()")).toBeUndefined();
    expect(judgeVerdict('{"risk":"low","fairPrice":true,"verified":true}')).toBe("approve");
    expect(judgeVerdict('{"risk":"medium","fairPrice":true}')).toBe("hold");
    expect(judgeVerdict('{"status":"suspended","risk":"low"}')).toBe("reject");
  });
});
