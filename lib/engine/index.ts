/**
 * The embedded durable engine: a PostgreSQL-backed server speaking the Inngest SDK HTTP
 * protocol. See ARCHITECTURE.md beside this file.
 */
export { startEngine, ENGINE_MIGRATIONS_DIR, type RunningEngine, type StartEngineOptions } from "./engine";
export { jsonLogger, silentLogger, type Logger } from "./log";
export { DEFAULT_PORT } from "./consts";
