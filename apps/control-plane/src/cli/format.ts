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

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined

const text = (value: unknown): string =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value)

const list = (value: unknown): ReadonlyArray<unknown> => (Array.isArray(value) ? value : [])

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

/** An assignment's state as a table: one row per target with its phase and counts. */
export const stateTable = (body: unknown): string =>
  table(
    ["target", "phase", "installed", "failed", "in progress", "pending", "total"],
    list(field(body, "targets")).map((t) => {
      const result = field(t, "result")
      const counts = field(result, "counts")
      return field(t, "outcome") === "failed"
        ? [text(field(t, "target")), `error: ${text(field(field(t, "error"), "detail"))}`, "", "", "", "", ""]
        : [
            text(field(t, "target")),
            text(field(result, "phase")),
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
