import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalBody, hashSigningKey, signBody, verifyBearer, verifySignature } from "./signing";

const KEY = "signkey-test-" + "ab".repeat(32);

describe("signing", () => {
  it("canonicalizes keys in RFC 8785 order", () => {
    expect(canonicalBody({ b: 1, a: [1, { d: 2, c: 1 }] })).toBe('{"a":[1,{"c":1,"d":2}],"b":1}');
  });
  it("signs JCS(body)+t with the key text minus its prefix", () => {
    const body = canonicalBody({ x: 1 });
    const header = signBody(body, KEY, 1_700_000_000_000);
    const want = createHmac("sha256", "ab".repeat(32)).update(body + "1700000000").digest("hex");
    expect(header).toBe(`t=1700000000&s=${want}`);
    expect(verifySignature(header, body, KEY, 1_700_000_000_000)).toBe(true);
    expect(verifySignature(header, body + " ", KEY, 1_700_000_000_000)).toBe(false);
    expect(verifySignature(header, body, KEY, 1_700_000_000_000 + 6 * 60_000)).toBe(false);
  });
  it("hashes the key like the SDK and accepts it as a bearer", () => {
    const hashed = hashSigningKey(KEY);
    expect(hashed).toMatch(/^signkey-test-[0-9a-f]{64}$/);
    expect(hashed).not.toBe(KEY);
    expect(verifyBearer(`Bearer ${hashed}`, KEY)).toBe(true);
    expect(verifyBearer(`Bearer ${KEY}`, KEY)).toBe(true);
    expect(verifyBearer("Bearer undefined", KEY)).toBe(false);
    expect(verifyBearer(undefined, KEY)).toBe(false);
  });
});
