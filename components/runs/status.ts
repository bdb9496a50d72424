import type { NodeStatus } from "./types";

type Tone = "slate" | "green" | "amber" | "red" | "blue";

/** One colour per status, used by badges, graph nodes and timeline bars alike. */
export const STATUS_STYLE: Record<NodeStatus, { label: string; tone: Tone; fill: string; border: string; bar: string }> = {
  queued: { label: "Queued", tone: "slate", fill: "#f8fafc", border: "#cbd5e1", bar: "#94a3b8" },
  running: { label: "Running", tone: "blue", fill: "#eef6ff", border: "#2f6fec", bar: "#2f6fec" },
  waiting: { label: "Waiting", tone: "amber", fill: "#fffbeb", border: "#d97706", bar: "#f59e0b" },
  paused: { label: "Paused", tone: "amber", fill: "#fff7ed", border: "#c2410c", bar: "#fb923c" },
  succeeded: { label: "Succeeded", tone: "green", fill: "#ecfdf5", border: "#059669", bar: "#10b981" },
  failed: { label: "Failed", tone: "red", fill: "#fef2f2", border: "#dc2626", bar: "#ef4444" },
  skipped: { label: "Skipped", tone: "slate", fill: "#f1f5f9", border: "#94a3b8", bar: "#cbd5e1" },
  cancelled: { label: "Cancelled", tone: "slate", fill: "#f8fafc", border: "#64748b", bar: "#64748b" },
};

export const statusStyle = (s: string) => STATUS_STYLE[(s in STATUS_STYLE ? s : "queued") as NodeStatus];
