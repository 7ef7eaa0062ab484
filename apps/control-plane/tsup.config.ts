import { defineConfig } from "tsup"

export default defineConfig({
  // The library, the server's entry point, and the `planes` CLI.
  entry: { index: "src/index.ts", main: "src/main.ts", "cli/main": "src/cli/main.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "node20"
})
