import type { Edge, Node } from "@xyflow/react";
import type { TNodeType } from "@/lib/graphs/spec";

/**
 * A node spec as it is being edited: plain JSON, possibly invalid (the builder shows the
 * problems instead of refusing the edit). Its canvas position lives on the React Flow node.
 */
export type TDraftNode = { id: string; type: TNodeType; needs?: string[] } & Record<string, unknown>;

/** React Flow node data: only the node's spec, no callbacks (STYLE.md). */
export type TBuilderNodeData = { spec: TDraftNode };
/**
 * React Flow node types are `sy-<spec type>`: React Flow styles its own `input`/`output`/`default`
 * types, which would otherwise leak onto our `output` nodes.
 */
export type TFlowNodeType = `sy-${TNodeType}`;
export type TBuilderNode = Node<TBuilderNodeData, TFlowNodeType>;
export const flowType = (type: TNodeType): TFlowNodeType => `sy-${type}`;
export type TBuilderEdge = Edge;

/** Graph-level fields of the spec (everything but `nodes`). */
export type TGraphMeta = { name?: string } & Record<string, unknown>;

/** What the builder edits: graph fields and the nodes with their positions. */
export interface TDraft {
  meta: TGraphMeta;
  nodes: TBuilderNode[];
}

/** A validation problem as the builder shows it (client-side or from the API). */
export interface TProblem {
  path: string;
  message: string;
  nodeId?: string;
  field?: string;
  line?: number;
}

/** How a node differs between two versions. */
export type TDiffMark = "added" | "removed" | "changed";
