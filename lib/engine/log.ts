/**
 * Structured logging: one JSON object per line with `level`, `msg` and ids.
 * Callers pass ids and counts, never event payloads or step data.
 */
import { engineLogLevel } from "../env";
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = (level: LogLevel, msg: string, fields?: LogFields) => void;

/** A logger writing JSON lines to stdout (info and above unless `ENGINE_LOG_LEVEL=debug`). */
export function jsonLogger(minLevel: LogLevel = (engineLogLevel() as LogLevel | undefined) ?? "info"): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  return (level, msg, fields) => {
    if (order[level] < order[minLevel]) return;
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
  };
}

/** A logger that drops everything (the default for in-process use in tests). */
export const silentLogger: Logger = () => {};
