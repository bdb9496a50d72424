// Generates the Prisma client into lib/generated/prisma.
// `prisma generate` (7.x) tries to download the schema-engine binary, which it
// does not use for generation; pointing PRISMA_SCHEMA_ENGINE_BINARY at any
// existing file keeps it offline (see the README's platform notes).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const r = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);
