/** A plain text table: one header row, columns padded to their widest cell. */
export const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

/** A property of a JSON value, or undefined. */
export const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined

/** A JSON value as table text. */
export const text = (value: unknown): string =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value)

/** A JSON array, or nothing. */
export const list = (value: unknown): ReadonlyArray<unknown> => (Array.isArray(value) ? value : [])

/** An operation report as a table: one row per target, its outcome, and what happened or went wrong. */
export const operationTable = (body: unknown): string => {
  const rows = list(field(body, "results")).map((r) => {
    const error = field(r, "error")
    const result = field(r, "result")
    const detail =
      error !== undefined
        ? `${text(field(error, "errorClass"))}: ${text(field(error, "detail"))}`
        : text(
            field(result, "ref") ??
              field(result, "packageId") ??
              field(result, "action") ??
              field(result, "version")
          )
    return [text(field(r, "target")), text(field(r, "plane")), text(field(r, "outcome")), detail]
  })
  return `operation ${text(field(body, "operationId"))}: ${text(field(body, "status") ?? field(body, "errorClass"))}\n${table(["target", "plane", "outcome", "detail"], rows)}`
}

const barWidth = 20

/** A bar of installed devices out of all: `#` installed, `x` failed, `.` the rest. */
const bar = (counts: unknown, total: unknown): string => {
  const all = typeof total === "number" && total > 0 ? total : 0
  if (all === 0) return ".".repeat(barWidth)
  const share = (key: string) => {
    const n = field(counts, key)
    return typeof n === "number" ? Math.round((n / all) * barWidth) : 0
  }
  const done = share("installed")
  const failed = Math.min(barWidth - done, share("failed"))
  return `${"#".repeat(done)}${"x".repeat(failed)}${".".repeat(barWidth - done - failed)}`
}

/**
 * An assignment's state as a table: one row per target with its phase and counts; with `bars`, a
 * progress bar per target too (the `--watch` view).
 */
export const stateTable = (body: unknown, options: { readonly bars?: boolean } = {}): string =>
  table(
    [
      "target",
      "phase",
      ...(options.bars === true ? ["progress"] : []),
      "installed",
      "failed",
      "in progress",
      "pending",
      "total"
    ],
    list(field(body, "targets")).map((t) => {
      const result = field(t, "result")
      const counts = field(result, "counts")
      if (field(t, "outcome") === "failed")
        return [text(field(t, "target")), `error: ${text(field(field(t, "error"), "detail"))}`]
      return [
        text(field(t, "target")),
        text(field(result, "phase")),
        ...(options.bars === true ? [bar(counts, field(result, "total"))] : []),
        text(field(counts, "installed")),
        text(field(counts, "failed")),
        text(field(counts, "in_progress")),
        text(field(counts, "pending")),
        text(field(result, "total"))
      ]
    })
  )

/** Audit entries as a table. */
export const auditTable = (body: unknown): string =>
  table(
    ["seq", "at", "actor", "action", "outcome", "class", "correlation id"],
    list(field(body, "entries")).map((e) =>
      ["seq", "at", "actor", "action", "outcome", "errorClass", "correlationId"].map((k) => text(field(e, k)))
    )
  )

/** API keys as a table. */
export const keysTable = (body: unknown): string =>
  table(
    ["id", "name", "role", "created", "revoked"],
    list(field(body, "keys")).map((k) =>
      ["id", "name", "role", "createdAt", "revokedAt"].map((f) => text(field(k, f)))
    )
  )
