/**
 * The hashes of the provenance and audit chains: `sha256:<hex>` of a value's canonical JSON
 * (RFC 8785, `canonicalJson`), so a value hashes the same whatever its key order, and the
 * same again after a round trip through PostgreSQL's jsonb.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../graphs/spec/hash";

/**
 * `sha256:<hex>` of the canonical JSON of a value; `undefined` hashes as `null` (a value that
 * was never set and one stored as JSON null are the same stored output).
 *
 * @example
 * hashJson({ b: 1, a: 2 }) === hashJson({ a: 2, b: 1 }); // true
 */
export function hashJson(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value === undefined ? null : value)).digest("hex")}`;
}

/** `sha256:<hex>` of a text as it is (a prompt template). */
export function hashText(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/** The fields of a provenance record its hash covers (every field but its id, hash and createdAt). */
export interface ProvenanceBody {
  prevHash: string | null;
  seq: number;
  kind: string;
  runId: string;
  nodeId: string | null;
  delegationId: string | null;
  approvalId: string | null;
  producer: unknown;
  inputHashes: Record<string, string>;
  outputHash: string;
}

/**
 * The hash of a provenance record: its predecessor's hash is part of what is hashed, so changing
 * or removing any earlier record changes every hash after it.
 */
export function provenanceRecordHash(r: ProvenanceBody): string {
  return hashJson({
    prevHash: r.prevHash,
    seq: r.seq,
    kind: r.kind,
    runId: r.runId,
    nodeId: r.nodeId,
    delegationId: r.delegationId,
    approvalId: r.approvalId,
    producer: r.producer,
    inputHashes: r.inputHashes,
    outputHash: r.outputHash,
  });
}

/**
 * A value as it reads back from jsonb: plain JSON (no `undefined` members, dates as strings),
 * so the hash taken now is the one verification recomputes from the stored row.
 */
export function asStoredJson<T>(value: T): T {
  return value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T);
}
