import { Badge } from "@/components/ui/card";
import { statusStyle } from "./status";

/** A run's or node's status as a coloured badge; running states pulse a dot. */
export function StatusBadge({ status }: { status: string }) {
  const s = statusStyle(status);
  const live = status === "running" || status === "queued";
  return (
    <Badge tone={s.tone}>
      <span aria-hidden className={`mr-1 inline-block h-1.5 w-1.5 rounded-full ${live ? "animate-pulse" : ""}`} style={{ background: s.bar }} />
      <span data-testid="status">{s.label}</span>
    </Badge>
  );
}
