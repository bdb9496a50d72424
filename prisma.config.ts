import { defineConfig } from "prisma/config";

// Prisma 7 CLI configuration. Migrations are applied by scripts/migrate.ts
// (lib/db/migrator.ts); `prisma generate` only needs the schema.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/switchyard" },
});
