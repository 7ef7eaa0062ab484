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
