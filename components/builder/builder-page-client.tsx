"use client";

import { ReactFlowProvider } from "@xyflow/react";
import Link from "next/link";
import { useMemo } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { EmptyState, Skeleton } from "@/components/ui/card";
import { ApiError } from "@/lib/client/api";
import { GRAPH_TEMPLATES, templateStartingSpec } from "@/lib/graphs/templates";
import { Builder } from "./builder";
import { useGraph } from "./queries";
import { blankSpec } from "./spec-draft";

/** Full-bleed frame inside the dashboard shell (cancels the shell's padding). */
function Frame({ children }: { children: React.ReactNode }) {
  return <div className="-mx-8 -my-6 h-screen">{children}</div>;
}

/** `/graphs/:id`: loads the graph, then opens it in the builder. */
export function GraphBuilderPage({ graphId }: { graphId: string }) {
  const { workspace } = useWorkspace();
  const graph = useGraph(graphId);
  if (graph.isPending) return <Frame><BuilderSkeleton /></Frame>;
  if (graph.error) {
    const missing = graph.error instanceof ApiError && graph.error.status === 404;
    return (
      <div className="max-w-xl pt-10">
        <EmptyState
          title={missing ? "This graph does not exist" : "The graph could not be loaded"}
          action={
            missing ? (
              <Link href={`/w/${workspace.slug}/graphs`} className="text-sm font-medium text-brand-700 hover:underline">
                Back to graphs
              </Link>
            ) : (
              <Button onClick={() => void graph.refetch()}>Try again</Button>
            )
          }
        >
          {missing ? "The link may be wrong, or the graph belongs to another workspace (archived graphs are under Graphs → Archived)." : `${graph.error.message} Check your connection and try again.`}
        </EmptyState>
      </div>
    );
  }
  return (
    <Frame>
      <ReactFlowProvider key={graph.data.id}>
        <Builder graph={graph.data} initialSpec={graph.data.spec} />
      </ReactFlowProvider>
    </Frame>
  );
}

/** `/graphs/new[?template=slug]`: a blank graph or a copy of a template, saved on first save. */
export function NewGraphPage({ template }: { template?: string }) {
  const { workspace, can } = useWorkspace();
  const found = template ? GRAPH_TEMPLATES.find((t) => t.slug === template) : undefined;
  const spec = useMemo(() => (found ? templateStartingSpec(found.spec) : blankSpec()), [found]);
  if (!can("graphs:write")) {
    return (
      <div className="max-w-xl pt-10">
        <EmptyState title="You cannot create graphs" action={<Link className="text-sm font-medium text-brand-700 hover:underline" href={`/w/${workspace.slug}/graphs`}>Back to graphs</Link>}>
          Your role ({workspace.role}) can look at graphs but not create them. Ask an admin for the Editor role.
        </EmptyState>
      </div>
    );
  }
  if (template && !found) {
    return (
      <div className="max-w-xl pt-10">
        <EmptyState title={`There is no template called "${template}"`} action={<Link className="text-sm font-medium text-brand-700 hover:underline" href={`/w/${workspace.slug}/graphs`}>Choose another</Link>} />
      </div>
    );
  }
  return (
    <Frame>
      <ReactFlowProvider key={template ?? "blank"}>
        <Builder graph={null} initialSpec={spec} />
      </ReactFlowProvider>
    </Frame>
  );
}

function BuilderSkeleton() {
  return (
    <div className="flex h-full flex-col" aria-busy="true" aria-label="Loading the graph">
      <div className="flex h-12 items-center gap-3 border-b border-slate-200 bg-white px-3">
        <Skeleton className="h-5 w-48" />
        <Skeleton className="ml-auto h-7 w-64" />
      </div>
      <div className="flex flex-1">
        <div className="w-36 space-y-2 2xl:w-48 border-r border-slate-200 bg-white p-2">
          {Array.from({ length: 8 }, (_, i) => <Skeleton key={i} className="h-9 w-full" />)}
        </div>
        <div className="flex-1 p-10">
          <Skeleton className="mx-auto h-16 w-56" />
          <Skeleton className="mx-auto mt-10 h-16 w-56" />
        </div>
        <div className="w-72 space-y-3 border-l border-slate-200 bg-white p-4">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      </div>
    </div>
  );
}
