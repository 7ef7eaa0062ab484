// The secret-hygiene scan: everything a run printed, answered or stored, searched for every canary
// credential in every form worth looking for.
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import { type Canary, formsOf } from "./canaries.js"

/** Where captured text came from: `control-plane log`, `api answer`, `cli output`, `store file`, ... */
export interface Captured {
  readonly source: string
  readonly text: string
}

/** A canary found somewhere: which one, in what form, where, and a little context (redacted). */
export interface Finding {
  readonly canary: string
  readonly form: string
  readonly source: string
  readonly context: string
}

/** Every file under `dir`, as text (binary files such as SQLite are read as latin1 so bytes survive). */
export const filesUnder = async (dir: string, label: string): Promise<ReadonlyArray<Captured>> => {
  const out: Array<Captured> = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.push({ source: `${label} (${entry.name})`, text: (await readFile(path)).toString("latin1") })
  }
  return out
}

const formName = (canary: string, form: string) =>
  form === canary ? "plain" : form === encodeURIComponent(canary) ? "url-encoded" : "base64"

/** Searches every captured text for every form of every canary. */
export const scanForCanaries = (
  captured: ReadonlyArray<Captured>,
  canaries: ReadonlyArray<Canary>
): ReadonlyArray<Finding> => {
  const findings: Array<Finding> = []
  for (const canary of canaries) {
    for (const form of formsOf(canary.value)) {
      for (const item of captured) {
        const at = item.text.indexOf(form)
        if (at < 0) continue
        const context = `${item.text.slice(Math.max(0, at - 60), at)}<${canary.name}>${item.text.slice(at + form.length, at + form.length + 60)}`
        findings.push({
          canary: canary.name,
          form: formName(canary.value, form),
          source: item.source,
          context
        })
      }
    }
  }
  return findings
}
