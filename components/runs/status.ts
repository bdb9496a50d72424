import type { NodeStatus } from "./types";

type Tone = "slate" | "green" | "amber" | "red" | "blue";

/**
 * One colour per status, used by badges, graph nodes and timeline bars alike. `text` is the
 * status label's colour on `fill`: dark enough for small text (at least 4.5:1).
 */
export const STATUS_STYLE: Record<NodeStatus, { label: string; tone: Tone; fill: string; border: string; bar: string; text: string }> = {
  queued: { label: "Queued", tone: "slate", fill: "#f8fafc", border: "#cbd5e1", bar: "#94a3b8", text: "#475569" },
  running: { label: "Running", tone: "blue", fill: "#eef6ff", border: "#2f6fec", bar: "#2f6fec", text: "#1d4ed8" },
  waiting: { label: "Waiting", tone: "amber", fill: "#fffbeb", border: "#d97706", bar: "#f59e0b", text: "#92400e" },
  paused: { label: "Paused", tone: "amber", fill: "#fff7ed", border: "#c2410c", bar: "#fb923c", text: "#9a3412" },
  succeeded: { label: "Succeeded", tone: "green", fill: "#ecfdf5", border: "#059669", bar: "#10b981", text: "#047857" },
  failed: { label: "Failed", tone: "red", fill: "#fef2f2", border: "#dc2626", bar: "#ef4444", text: "#b91c1c" },
  skipped: { label: "Skipped", tone: "slate", fill: "#f1f5f9", border: "#94a3b8", bar: "#cbd5e1", text: "#475569" },
  cancelled: { label: "Cancelled", tone: "slate", fill: "#f8fafc", border: "#64748b", bar: "#64748b", text: "#475569" },
};

export const statusStyle = (s: string) => STATUS_STYLE[(s in STATUS_STYLE ? s : "queued") as NodeStatus];
