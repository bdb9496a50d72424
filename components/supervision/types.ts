import type { BreakerView } from "@/lib/breakers/list-breakers";

/** A breaker as GET /api/v1/breakers returns it (the API's own view, already JSON-shaped). */
export type Breaker = BreakerView;

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
