import { describe, expect, it } from "vitest";
import { isTransientError, retryTransient } from "./transient";

const withCode = (message: string, code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe("isTransientError", () => {
  it("knows pool exhaustion, transactions that could not start, conflicts, deadlocks and resets", () => {
    expect(isTransientError(withCode("Transaction API error: Unable to start a transaction in the given time.", "P2028"))).toBe(true);
    expect(isTransientError(new Error("Transaction API error: Unable to start a transaction in the given time."))).toBe(true);
    expect(isTransientError(withCode("Timed out fetching a new connection from the connection pool.", "P2024"))).toBe(true);
    expect(isTransientError(withCode("Transaction failed due to a write conflict or a deadlock. Please retry your transaction", "P2034"))).toBe(true);
    expect(isTransientError(withCode("could not serialize access due to concurrent update", "40001"))).toBe(true);
    expect(isTransientError(withCode("deadlock detected", "40P01"))).toBe(true);
    expect(isTransientError(withCode("read ECONNRESET", "ECONNRESET"))).toBe(true);
    expect(isTransientError(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("looks through wrappers: an error's cause, Prisma's driver adapter error", () => {
    const wrapped = new Error("model call failed", { cause: withCode("Unable to start a transaction in the given time.", "P2028") });
    expect(isTransientError(wrapped)).toBe(true);
    const adapter = withCode("Raw query failed", "P2010", { meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "40P01" } } } });
    expect(isTransientError(adapter)).toBe(true);
  });

  it("does not take ordinary failures for transient ones", () => {
    expect(isTransientError(new Error("HTTP 500 from vendor"))).toBe(false);
    expect(isTransientError(withCode("Unique constraint failed on the fields: (`id`)", "P2002"))).toBe(false);
    expect(isTransientError(withCode("violates check constraint", "23514"))).toBe(false);
    expect(isTransientError(null)).toBe(false);
    expect(isTransientError("P2028")).toBe(false);
  });
});

describe("retryTransient", () => {
  it("tries again while the failure is transient, and gives the result", async () => {
    let calls = 0;
    const value = await retryTransient(async () => {
      if (++calls < 3) throw withCode("Unable to start a transaction in the given time.", "P2028");
      return "done";
    });
    expect(value).toBe("done");
    expect(calls).toBe(3);
  });

  it("throws other errors at once, and a transient one after the last try", async () => {
    let calls = 0;
    await expect(retryTransient(async () => { calls++; throw new Error("bad template"); })).rejects.toThrow("bad template");
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryTransient(async () => { calls++; throw withCode("deadlock detected", "40P01"); }, 2)).rejects.toThrow("deadlock");
    expect(calls).toBe(2);
  });
});
