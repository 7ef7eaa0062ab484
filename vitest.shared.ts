import { defineConfig } from "vitest/config"

/** The vitest configuration every workspace shares: node environment, forks pool, v8 coverage with floors. */
export const sharedConfig = (options: { readonly coverage?: number; readonly testTimeout?: number } = {}) => {
  const floor = options.coverage ?? 90
  return defineConfig({
    test: {
      environment: "node",
      pool: "forks",
      include: ["test/**/*.test.ts"],
      reporters: ["default", "json"],
      outputFile: { json: "test-results.json" },
      testTimeout: options.testTimeout ?? 20_000,
      // Stopgap, CI only: two Pact consumer tests were seen, once each under heavy load, to miss a request
      // the adapter sends (suspected: a pooled keep-alive connection to a just-closed mock server). A test
      // that fails twice still fails the build; locally nothing is retried, so flakes stay visible.
      retry: process.env.CI ? 1 : 0,
      hookTimeout: 30_000,
      coverage: {
        provider: "v8",
        include: ["src/**/*.ts"],
        exclude: ["src/**/index.ts", "src/**/main.ts", "src/**/*.d.ts"],
        reporter: ["text-summary", "json-summary"],
        thresholds: { lines: floor, branches: floor, functions: floor, statements: floor }
      }
    }
  })
}
