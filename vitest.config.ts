import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts"),
};
// stub servers for outside services listen on loopback, which the product refuses by default
const env = { SWITCHYARD_OUTBOUND_ALLOW: "127.0.0.0/8,localhost" };
const exclude = ["node_modules/**", ".next/**", ".data/**", "bench/peers/**", "e2e/**"];

export default defineConfig({
  // server code only: do not load the app's PostCSS/Tailwind pipeline (its native
  // bindings keep the test process alive after the run)
  css: { postcss: {} },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          env,
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.integration.test.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          env,
          include: ["**/*.integration.test.ts"],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // two cores: keep PostgreSQL, the engine and the tests from starving each other
          maxWorkers: 2,
        },
      },
    ],
  },
});
