import { describe, expect, it } from "vitest";
import { isPoolExhausted } from "./pool-errors";

describe("isPoolExhausted", () => {
  it("recognises Prisma's transaction-start and pool timeouts by code", () => {
    expect(isPoolExhausted(Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }))).toBe(true);
    expect(isPoolExhausted(Object.assign(new Error("x"), { code: "P2024" }))).toBe(true);
  });

  it("recognises pg's connect timeout, also when wrapped as a cause", () => {
    const pg = new Error("timeout exceeded when trying to connect");
    expect(isPoolExhausted(pg)).toBe(true);
    expect(isPoolExhausted(new Error("query failed", { cause: pg }))).toBe(true);
  });

  it("does not take other database errors for exhaustion", () => {
    expect(isPoolExhausted(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isPoolExhausted(new Error("deadlock detected"))).toBe(false);
    expect(isPoolExhausted(undefined)).toBe(false);
  });
});
