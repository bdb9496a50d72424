// Configuration for the Prisma 6.19 CLI (package alias `prisma-cli-6`), whose
// WASM schema engine diffs schemas offline. Used by scripts/new-migration.ts and
// the drift test only; the app itself uses Prisma 7 (prisma.config.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma-cli-6/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost:5432/switchyard" }) as never,
});
