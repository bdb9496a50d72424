import { describe, expect, it } from "vitest";
import { asStoredJson, hashJson, provenanceRecordHash, type ProvenanceBody } from "./hash";

const body: ProvenanceBody = {
  prevHash: null,
  seq: 1,
  kind: "node",
  runId: "run_1",
  nodeId: "price",
  delegationId: null,
  approvalId: null,
  producer: { model: "sim:fast", graphVersion: 2 },
  inputHashes: { input: hashJson({ q: 1 }) },
  outputHash: hashJson({ total: 4.5 }),
};

describe("provenance hashes", () => {
  it("hash a value the same whatever its key order, and differently when any value differs", () => {
    expect(hashJson({ b: [1, { d: 2, c: 3 }], a: "x" })).toBe(hashJson({ a: "x", b: [1, { c: 3, d: 2 }] }));
    expect(hashJson({ a: 0.30000000000000004 })).not.toBe(hashJson({ a: 0.3 }));
    expect(hashJson(undefined)).toBe(hashJson(null));
    expect(hashJson({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("hash a value as it reads back from jsonb (no undefined members, dates as strings)", () => {
    const at = new Date("2026-12-03T07:00:00.000Z");
    const value = { at, skipped: undefined, n: 1 };
    expect(hashJson(value)).toBe(hashJson(JSON.parse(JSON.stringify(value))));
    expect(asStoredJson(value)).toEqual({ at: "2026-12-03T07:00:00.000Z", n: 1 });
  });

  it("chain a record to its predecessor: a different previous hash, seq or producer gives a different hash", () => {
    const h = provenanceRecordHash(body);
    expect(provenanceRecordHash({ ...body })).toBe(h);
    expect(provenanceRecordHash({ ...body, prevHash: hashJson("other") })).not.toBe(h);
    expect(provenanceRecordHash({ ...body, seq: 2 })).not.toBe(h);
    expect(provenanceRecordHash({ ...body, producer: { model: "openai:gpt-5", graphVersion: 2 } })).not.toBe(h);
    expect(provenanceRecordHash({ ...body, outputHash: hashJson({ total: 4.6 }) })).not.toBe(h);
  });
});
