/**
 * Cron triggers: `"0 9 * * *"`, with an optional `TZ=Europe/Paris ` (or `CRON_TZ=`) prefix.
 */
import { Cron } from "croner";

/** Splits an Inngest cron string into its pattern and time zone. */
export function parseCron(spec: string): { pattern: string; timezone?: string } {
  const m = /^\s*(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(spec);
  return m ? { pattern: m[2]!.trim(), timezone: m[1] } : { pattern: spec.trim() };
}

/** The next fire time strictly after `after`, or `null` if the pattern never fires again. */
export function nextCronTime(spec: string, after: Date): Date | null {
  const { pattern, timezone } = parseCron(spec);
  try {
    return new Cron(pattern, { timezone, paused: true }).nextRun(after);
  } catch (err) {
    throw new Error(`Invalid cron ${JSON.stringify(spec)}: ${(err as Error).message}`);
  }
}
