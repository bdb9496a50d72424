"use client";

import { memo } from "react";
import type { NodeProps, NodeTypes } from "@xyflow/react";
import { NodeCard } from "./node-card";
import type { TBuilderNode, TFlowNodeType } from "./types";

/**
 * One memoised component per node type (the registry's canvas half). They share the card
 * today; a type that needs its own body gets its own component here.
 */
const AgentNode = memo(function AgentNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const ToolNode = memo(function ToolNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const RouterNode = memo(function RouterNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const ApprovalNode = memo(function ApprovalNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const SupervisorNode = memo(function SupervisorNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const MapNode = memo(function MapNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const SubgraphNode = memo(function SubgraphNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const WaitNode = memo(function WaitNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});
const OutputNode = memo(function OutputNode({ data, selected }: NodeProps<TBuilderNode>) {
  return <NodeCard spec={data.spec} selected={!!selected} />;
});

/** Defined once at module scope so React Flow never re-creates node components. */
export const NODE_TYPES_MAP = {
  "sy-agent": AgentNode,
  "sy-tool": ToolNode,
  "sy-router": RouterNode,
  "sy-approval": ApprovalNode,
  "sy-supervisor": SupervisorNode,
  "sy-map": MapNode,
  "sy-subgraph": SubgraphNode,
  "sy-wait": WaitNode,
  "sy-output": OutputNode,
} satisfies Record<TFlowNodeType, unknown> as NodeTypes;
