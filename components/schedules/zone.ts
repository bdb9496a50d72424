/** The zone a trigger's times are read in: a schedule's (or a report's) own, else none (the viewer's). */
export function triggerZone(s: { type: string; config: unknown }): string | undefined {
  return (s.config as { timezone?: string } | null)?.timezone ?? (s.type === "schedule" ? "UTC" : undefined);
}
