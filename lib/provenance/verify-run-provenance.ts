import "server-only";
import type { WorkspaceContext } from "../auth/context";
import { notFound } from "../errors";
import { hashJson, provenanceRecordHash } from "./hash";
import { decisionOutputs } from "./index";

/** Where a run's chain breaks, and why. `seq` is null for an output no record vouches for. */
export interface ProvenanceBreak {
  seq: number | null;
  kind: string | null;
  nodeId: string | null;
  delegationId: string | null;
  approvalId: string | null;
  reason: string;
}

export interface ProvenanceVerification {
  ok: boolean;
  runId: string;
  /** how many records the chain holds */
  records: number;
  /** the run's head: the hash (and seq) of the chain's last record, as stored on the run */
  head: string | null;
  headSeq: number;
  firstBroken?: ProvenanceBreak;
  /** every break found, in chain order (at most 100) */
  broken: ProvenanceBreak[];
}

/** How deep verification descends into child runs (a supervisor's nesting is bounded the same way). */
export const MAX_CHILD_DEPTH = 5;

type Rec = { seq: number; kind: string; nodeId: string | null; delegationId: string | null; approvalId: string | null; producer: unknown; inputHashes: unknown; outputHash: string; prevHash: string | null; hash: string; runId: string };


/**
 * Verifies a run's provenance chain: each record's hash is recomputed from its contents and its
 * predecessor's hash, the chain has no gap, the run's head names the last record, and the newest
 * record of each output still matches the output stored today (`NodeRun.output`,
 * `Delegation.result`, the `Approval`'s decision). Inputs named after a node must hash as that
 * node's recorded output, and a sub-run's head must be the one recorded when it ended. An output
 * edited in the database, a record changed or removed: each is named with its seq. Child runs
 * (sub-runs, saved-graph delegations, a map's items) are verified the same way, to
 * {@link MAX_CHILD_DEPTH} levels: a break in a child's chain is a break of the record that names
 * the child (or of no record), with the child's own first break in its reason.
 *
 * @throws AppError not_found if the run is not in the workspace.
 */
export async function verifyRunProvenance(ctx: WorkspaceContext, runId: string, depth = 0): Promise<ProvenanceVerification> {
  const run = await ctx.db.run.findFirst({ where: { id: runId }, select: { provenanceHead: true, provenanceSeq: true } });
  if (!run) throw notFound("Run");
  const records: Rec[] = await ctx.db.provenanceRecord.findMany({
    where: { runId },
    orderBy: { seq: "asc" },
    select: { seq: true, kind: true, nodeId: true, delegationId: true, approvalId: true, producer: true, inputHashes: true, outputHash: true, prevHash: true, hash: true, runId: true },
  });
  const broken: ProvenanceBreak[] = [];
  const at = (r: Pick<Rec, "seq" | "kind" | "nodeId" | "delegationId" | "approvalId"> | null, seq: number | null, reason: string) =>
    broken.push({ seq, kind: r?.kind ?? null, nodeId: r?.nodeId ?? null, delegationId: r?.delegationId ?? null, approvalId: r?.approvalId ?? null, reason });

  // 1. the chain itself: contiguous, linked, each hash what its contents give
  let prev: Rec | null = null;
  for (const [i, r] of records.entries()) {
    const expected = (prev?.seq ?? 0) + 1;
    if (r.seq !== expected) at(r, expected, `Record ${expected}${r.seq > expected + 1 ? `–${r.seq - 1}` : ""} is missing: record ${r.seq} follows ${prev ? `record ${prev.seq}` : "the start of the chain"}.`);
    else if (r.prevHash !== (prev?.hash ?? null)) at(r, r.seq, `Record ${r.seq} does not link to record ${prev?.seq ?? "none"}: its previous hash is ${r.prevHash ?? "empty"}, record ${prev?.seq}'s hash is ${prev?.hash ?? "empty"}.`);
    if (provenanceRecordHash({ ...r, inputHashes: r.inputHashes as Record<string, string> }) !== r.hash) at(r, r.seq, `Record ${r.seq} was changed: its contents no longer give its hash.`);
    prev = records[i];
  }
  const last = records[records.length - 1] ?? null;
  if ((last?.hash ?? null) !== run.provenanceHead || (last?.seq ?? 0) !== run.provenanceSeq) {
    at(null, Math.min(run.provenanceSeq, last?.seq ?? 0) + 1, `The run's head names record ${run.provenanceSeq} (${run.provenanceHead ?? "none"}), but the chain ends at ${last ? `record ${last.seq} (${last.hash})` : "no record"}.`);
  }

  // 2. each output as stored today, against the newest record that vouches for it
  const nodeRuns = await ctx.db.nodeRun.findMany({ where: { runId }, select: { nodeId: true, nodeType: true, status: true, output: true } });
  const nodeRunOf = new Map(nodeRuns.map((n) => [n.nodeId, n]));
  // a decision is an approval node's output, or (a supervisor's escalation) a person's answer kept on the inbox item
  const isNodeOutput = (r: Rec) => r.kind === "node" || (r.kind === "decision" && !!r.nodeId && nodeRunOf.get(r.nodeId)?.nodeType === "approval");
  const subject = (r: Rec) => (isNodeOutput(r) ? `n:${r.nodeId}` : r.kind === "delegation" ? `d:${r.delegationId}` : `a:${r.approvalId}`);
  const newest = new Map<string, Rec>();
  for (const r of records) newest.set(subject(r), r);
  // a delegation whose escalation a person answered with an edited output: the decision that changed its result
  const decidedDelegation = new Map<string, Rec>();
  for (const r of records) if (r.kind === "decision" && r.delegationId) decidedDelegation.set(r.delegationId, r);
  const delegationIds = records.filter((r) => r.delegationId).map((r) => r.delegationId!);
  const approvalIds = records.filter((r) => r.approvalId).map((r) => r.approvalId!);
  const delegations = new Map((delegationIds.length ? await ctx.db.delegation.findMany({ where: { id: { in: delegationIds } }, select: { id: true, result: true } }) : []).map((d) => [d.id, d]));
  const approvals = new Map((approvalIds.length ? await ctx.db.approval.findMany({ where: { id: { in: approvalIds } }, select: { id: true, decision: true, output: true, comment: true, status: true } }) : []).map((a) => [a.id, a]));
  for (const r of newest.values()) {
    if (r.kind === "delegation") {
      const d = delegations.get(r.delegationId!);
      if (!d) at(r, r.seq, `Delegation ${r.delegationId} of record ${r.seq} no longer exists.`);
      else if (hashJson(d.result) !== r.outputHash) {
        // the result may have been replaced by a person's edited output, recorded by a later decision: it must be that output
        const decided = decidedDelegation.get(r.delegationId!);
        const a = decided && decided.seq > r.seq ? approvals.get(decided.approvalId!) : undefined;
        const stood = a?.output != null && hashJson((d.result as { output?: unknown } | null)?.output ?? null) === hashJson(a.output);
        if (!stood) at(r, r.seq, `The result of delegation ${r.delegationId} was changed after record ${r.seq} was written.`);
      }
      continue;
    }
    if (r.kind === "decision") {
      const a = approvals.get(r.approvalId!);
      if (!a) {
        at(r, r.seq, `Approval ${r.approvalId} of record ${r.seq} no longer exists.`);
        continue;
      }
      if (!isNodeOutput(r)) {
        if (!decisionOutputs(a).some((o) => hashJson(o) === r.outputHash)) at(r, r.seq, `The decision on ${r.approvalId} was changed after record ${r.seq} was written.`);
        continue;
      }
      const nodeOutput = nodeRunOf.get(r.nodeId!)?.output as { decision?: string; output?: unknown } | null | undefined;
      const said = nodeOutput?.decision === "approved" ? "approve" : nodeOutput?.decision === "rejected" ? "reject" : null;
      if (a.decision && said && a.decision !== said) at(r, r.seq, `Approval ${r.approvalId} now says "${a.decision}", but node ${r.nodeId} recorded "${nodeOutput?.decision}" (record ${r.seq}).`);
      else if (a.output != null && nodeOutput?.output !== undefined && hashJson(a.output) !== hashJson(nodeOutput.output)) at(r, r.seq, `The output decided on ${r.approvalId} differs from node ${r.nodeId}'s (record ${r.seq}).`);
    }
    const nr = nodeRunOf.get(r.nodeId!);
    if (!nr) at(r, r.seq, `Node run ${r.nodeId} of record ${r.seq} no longer exists.`);
    else if (hashJson(nr.output) !== r.outputHash) at(r, r.seq, `The output of node ${r.nodeId} was changed after record ${r.seq} was written.`);
  }
  if (records.length) {
    for (const nr of nodeRuns) {
      if (nr.status === "succeeded" && !newest.has(`n:${nr.nodeId}`)) at({ kind: "node", nodeId: nr.nodeId, delegationId: null, approvalId: null, seq: 0 }, null, `Node ${nr.nodeId} has an output that no record vouches for.`);
    }
  }

  // 3. links between records: an input named after a node is that node's recorded output; a sub-run's head is unchanged
  const seen = new Map<string, Rec>();
  const childHeads = new Map<string, string | null>();
  const childIds = records.map((r) => (r.producer as { childRunId?: unknown } | null)?.childRunId).filter((x): x is string => typeof x === "string");
  if (childIds.length) for (const c of await ctx.db.run.findMany({ where: { id: { in: childIds } }, select: { id: true, provenanceHead: true } })) childHeads.set(c.id, c.provenanceHead);
  for (const r of records) {
    for (const [name, h] of Object.entries((r.inputHashes ?? {}) as Record<string, string>)) {
      const source = seen.get(`n:${name}`);
      if (source && name !== "input" && source.outputHash !== h) at(r, r.seq, `Record ${r.seq} read an input "${name}" that is not what node ${name} recorded (record ${source.seq}).`);
    }
    const p = r.producer as { childRunId?: unknown; childRunHead?: unknown } | null;
    if (typeof p?.childRunId === "string" && typeof p.childRunHead === "string" && childHeads.get(p.childRunId) !== p.childRunHead) {
      at(r, r.seq, `Sub-run ${p.childRunId}'s chain head changed after record ${r.seq} recorded it.`);
    }
    if (isNodeOutput(r)) seen.set(`n:${r.nodeId}`, r);
  }

  // 4. the chains of the run's child runs, each verified as this one
  if (depth < MAX_CHILD_DEPTH) {
    const children = await ctx.db.run.findMany({ where: { parentRunId: runId }, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    for (const child of children) {
      const v = await verifyRunProvenance(ctx, child.id, depth + 1);
      if (v.ok) continue;
      const naming = records.find((r) => (r.producer as { childRunId?: unknown } | null)?.childRunId === child.id) ?? null;
      const fb = v.firstBroken!;
      at(naming, naming?.seq ?? null, `Sub-run ${child.id}'s chain is broken${fb.seq !== null ? ` at its record ${fb.seq}` : ""}: ${fb.reason}`);
    }
  }

  broken.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  return {
    ok: broken.length === 0,
    runId,
    records: records.length,
    head: run.provenanceHead,
    headSeq: run.provenanceSeq,
    ...(broken.length ? { firstBroken: broken[0] } : {}),
    broken: broken.slice(0, 100),
  };
}
