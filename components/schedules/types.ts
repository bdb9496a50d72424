import type { ScheduleFireView, ScheduleView } from "@/lib/triggers/schedules-view";

/** A value as it arrives over JSON: dates are ISO strings. */
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** A trigger as GET /api/v1/schedules returns it (the API's own view type). */
export type Schedule = Wire<ScheduleView>;
/** One fire as GET /api/v1/schedules/:triggerId/fires returns it. */
export type ScheduleFire = Wire<ScheduleFireView>;
export interface FiresPage {
  data: ScheduleFire[];
  nextCursor: string | null;
}

export const scheduleKeys = {
  all: ["schedules"] as const,
  one: (id: string) => ["schedules", id] as const,
  fires: (id: string, query: string) => ["schedules", id, "fires", query] as const,
};
