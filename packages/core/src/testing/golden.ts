import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

/**
 * Reads a golden file for comparison with `actual` (pretty JSON for values, text as is). With
 * `UPDATE_GOLDEN=1` in the environment, or when the file does not exist yet, writes it first, so a
 * deliberate change is one command and a review of the diff.
 */
export const golden = (
  file: string,
  actual: unknown
): { readonly expected: string; readonly actual: string } => {
  const text = typeof actual === "string" ? actual : `${JSON.stringify(actual, null, 2)}\n`
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    // In CI a missing golden file is a failure, not a silent first write.
    if (process.env.CI !== undefined && process.env.UPDATE_GOLDEN !== "1") {
      return { expected: `<missing golden file ${file}>`, actual: text }
    }
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  return { expected: readFileSync(file, "utf8"), actual: text }
}
