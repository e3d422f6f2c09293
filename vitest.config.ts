import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const integration = (name: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name,
    include: ["test/**/*.test.ts"],
    // *.pg.test.ts need a real server's concurrency: the postgres project runs them.
    exclude: ["test/fault/**", ...(name === "pglite" ? ["test/**/*.pg.test.ts"] : [])],
    env: { FAULTLINE_TEST_DB: name },
    globalSetup: ["test/setup/global-setup.ts"],
  },
});

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    // A fresh key per run for the encrypted signing secrets; CLI processes tests start inherit it.
    env: { FAULTLINE_SECRET_KEY: randomBytes(32).toString("base64") },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.tsx"],
        },
      },
      integration("pglite"),
      // The same integration tests again on a real server when one is configured (CI always does).
      ...(process.env.DATABASE_URL ? [integration("postgres")] : []),
      // Kill and restart app processes and PostgreSQL itself: run on their own, after `next build`
      // (npm test does), never alongside the other projects.
      ...(process.env.FAULTLINE_FAULT_TESTS === "1"
        ? [
            {
              extends: true as const,
              test: { name: "fault", include: ["test/fault/**/*.test.ts"], fileParallelism: false },
            },
          ]
        : []),
    ],
  },
});
