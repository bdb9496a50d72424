import { Badge } from "@/components/ui/card";
import type { NodeRun } from "./types";

/** Whether a node run was answered by a simulated `sim:*` model. */
export const isSimulatedNode = (n: Pick<NodeRun, "provenance" | "provider" | "model">): boolean =>
  n.provenance?.simulated === true || n.provider === "sim" || !!n.model?.startsWith("sim:");

/** Whether any of a run's model answers so far came from a simulated `sim:*` model. */
export const isSimulatedRun = (nodes: ReadonlyArray<Pick<NodeRun, "provenance" | "provider" | "model">> | undefined): boolean => !!nodes?.some(isSimulatedNode);

const EXPLANATION = "Produced by simulated sim:* models: deterministic stand-ins for real models, at no real cost. Switch the nodes' models to use real ones.";

/** The "Simulated" label shown wherever a person reads what simulated models produced. */
export function SimulatedBadge({ what = "Simulated" }: { what?: string }) {
  return (
    <span title={EXPLANATION} data-testid="simulated-label">
      <Badge tone="amber">{what}</Badge>
    </span>
  );
}

/** One line saying the content above or below came from simulated models. */
export function SimulatedNote({ children = "Simulated output: written by sim:* models, not by a real model." }: { children?: React.ReactNode }) {
  return (
    <p className="mb-2 flex items-center gap-2 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs text-amber-900" data-testid="simulated-note">
      <SimulatedBadge />
      <span>{children}</span>
    </p>
  );
}
