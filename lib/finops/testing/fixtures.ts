/**
 * Graphs, versions and runs written straight into the product tables, for FinOps tests that
 * exercise budgets and the ledger without executing graphs.
 */
import { createHash } from "node:crypto";
import { getPrisma } from "../../db/client";
import { newId } from "../../ids";
import { systemContext } from "../../runtime/system-context";
import type { TGraphSpec } from "../../graphs/spec/schema";

export async function makeGraphVersion(workspaceId: string, spec: TGraphSpec, version = 1, graphId?: string) {
  const db = getPrisma();
  const id = graphId ?? newId("graph");
  if (!graphId) await db.graph.create({ data: { id, workspaceId, name: spec.name, latestVersion: version } });
  const gv = await db.graphVersion.create({
    data: { id: newId("graphVersion"), workspaceId, graphId: id, version, spec: spec as never, specHash: createHash("sha256").update(JSON.stringify(spec)).digest("hex") },
  });
  return { graphId: id, graphVersionId: gv.id, version, spec };
}

export async function makeRun(
  workspaceId: string,
  gv: { graphId: string; graphVersionId: string; version: number },
  opts: { tags?: string[]; customerKey?: string; parentRunId?: string; parentNodeId?: string; rootRunId?: string; input?: unknown; status?: "running" | "succeeded"; nodes?: string[] } = {},
) {
  const db = getPrisma();
  const id = newId("run");
  await db.run.create({
    data: {
      id,
      workspaceId,
      graphId: gv.graphId,
      graphVersionId: gv.graphVersionId,
      version: gv.version,
      status: opts.status ?? "running",
      input: (opts.input ?? {}) as never,
      tags: opts.tags ?? [],
      customerKey: opts.customerKey ?? null,
      parentRunId: opts.parentRunId ?? null,
      parentNodeId: opts.parentNodeId ?? null,
      rootRunId: opts.rootRunId ?? opts.parentRunId ?? null,
    },
  });
  for (const nodeId of opts.nodes ?? []) {
    await db.nodeRun.create({ data: { id: newId("nodeRun"), workspaceId, runId: id, nodeId, nodeType: "agent" } });
  }
  return id;
}

export const ctxFor = systemContext;
