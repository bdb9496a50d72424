/** react-query keys for runs, always scoped by workspace slug first. */
export const runKeys = {
  all: (ws: string) => [ws, "runs"] as const,
  lists: (ws: string) => [ws, "runs", "list"] as const,
  list: (ws: string, query: string) => [ws, "runs", "list", query] as const,
  detail: (ws: string, id: string) => [ws, "runs", "detail", id] as const,
  trace: (ws: string, id: string) => [ws, "runs", "trace", id] as const,
  /** the delegation tree (read through useWorkspaceQuery, which puts the workspace first) */
  delegations: (ws: string, id: string) => [ws, "runs", id, "delegations"] as const,
  version: (ws: string, graphId: string, v: number) => [ws, "graph-version", graphId, v] as const,
};
