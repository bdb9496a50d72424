import type { BreakerKind } from "@/lib/breakers/keys";

/** A breaker as GET /api/v1/breakers returns it. */
export interface Breaker {
  key: string;
  kind: BreakerKind | null;
  label: string;
  state: "closed" | "open" | "half_open";
  automaticState: "closed" | "open" | "half_open";
  forced: "open" | "closed" | null;
  forcedBy: string | null;
  forcedByName: string | null;
  forcedReason: string | null;
  forcedAt: string | null;
  failures: number;
  calls: number;
  openedAt: string | null;
  nextProbeAt: string | null;
  lastError: string | null;
  lastFailureAt: string | null;
  updatedAt: string;
}

/** One transition, as GET /api/v1/breakers/events returns it. */
export interface BreakerEvent {
  id: string;
  key: string;
  from: string;
  to: string;
  reason: string;
  actor: string | null;
  actorName: string | null;
  at: string;
}

export const breakerKeys = {
  all: (ws: string) => [ws, "breakers"] as const,
  events: (ws: string, key?: string) => [ws, "breakers", "events", key ?? "*"] as const,
};
