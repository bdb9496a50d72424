import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { notFound } from "../errors";

/** One input of a record: its hash and, when a node of the run produced it, that node's record. */
export interface ProvenanceInput {
  name: string;
  hash: string;
  /** the node whose output this input is (the record before this one that vouches for it) */
  source: { nodeId: string; seq: number } | null;
}

/**
 * A run's provenance chain, oldest first, each record with what it names: the node run, the
 * delegation (agent, status, its child run), the approval (title, status), a sub-run, and its
 * inputs resolved to the records of the nodes that produced them.
 *
 * @throws AppError not_found if the run is not in the workspace.
 */
export async function listRunProvenance(ctx: WorkspaceContext, runId: string) {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { id: true, provenanceHead: true, provenanceSeq: true, parentRunId: true, parentNodeId: true } });
  if (!run) throw notFound("Run");
  const records = await ctx.db.provenanceRecord.findMany({ where: { runId }, orderBy: { seq: "asc" } });
  const delegationIds = records.map((r) => r.delegationId).filter((x): x is string => !!x);
  const approvalIds = records.map((r) => r.approvalId).filter((x): x is string => !!x);
  const delegations = new Map(
    (delegationIds.length ? await ctx.db.delegation.findMany({ where: { id: { in: delegationIds } }, select: { id: true, nodeId: true, seq: true, agent: true, kind: true, status: true, childRunId: true, confidence: true } }) : []).map((d) => [d.id, d]),
  );
  const approvals = new Map((approvalIds.length ? await ctx.db.approval.findMany({ where: { id: { in: approvalIds } }, select: { id: true, title: true, status: true, decision: true, kind: true } }) : []).map((a) => [a.id, a]));
  const latest = new Map<string, number>();
  const superseded = new Set<number>();
  const out = records.map((r) => {
    const inputs: ProvenanceInput[] = Object.entries((r.inputHashes ?? {}) as Record<string, string>).map(([name, hash]) => {
      const seq = name === "input" ? undefined : latest.get(name);
      return { name, hash, source: seq ? { nodeId: name, seq } : null };
    });
    if (r.nodeId && r.kind !== "delegation") {
      const before = latest.get(r.nodeId);
      if (before) superseded.add(before);
      latest.set(r.nodeId, r.seq);
    }
    const producer = (r.producer ?? {}) as Record<string, unknown>;
    const d = r.delegationId ? delegations.get(r.delegationId) : undefined;
    const childRunId = d?.childRunId ?? (typeof producer.childRunId === "string" ? producer.childRunId : null);
    return {
      seq: r.seq,
      kind: r.kind,
      nodeId: r.nodeId,
      delegationId: r.delegationId,
      approvalId: r.approvalId,
      producer,
      inputHashes: r.inputHashes,
      outputHash: r.outputHash,
      prevHash: r.prevHash,
      hash: r.hash,
      createdAt: r.createdAt,
      inputs,
      childRunId,
      delegation: d ?? null,
      approval: r.approvalId ? (approvals.get(r.approvalId) ?? null) : null,
    };
  });
  return {
    runId: run.id,
    head: run.provenanceHead,
    headSeq: run.provenanceSeq,
    parent: run.parentRunId ? { runId: run.parentRunId, nodeId: run.parentNodeId } : null,
    records: out.map((r) => ({ ...r, superseded: superseded.has(r.seq) })),
  };
}
