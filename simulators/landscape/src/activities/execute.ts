import type { AccountContext } from "../context.js"
import { availableVersions } from "../fleet/availability.js"
import { installedVersion } from "../fleet/installed.js"
import type { Activity, Change, Computer } from "../state/schemas.js"
import { compareVersions } from "../util/version.js"

/** What running a client activity on a computer produced. */
export interface Outcome {
  readonly ok: boolean
  readonly text: string
  readonly changes: Change[]
}

const failure = (text: string, changes: Change[]): Outcome => ({ ok: false, text, changes })

/**
 * Runs a child activity's operation on its computer the way apt would: the newest available version
 * for a name, an exact version only where one was asked for (REST package ids, downgrades), never an
 * implicit downgrade, and held packages left alone. `injectFailure` is the seeded failure draw.
 */
export const execute = (
  ctx: AccountContext,
  activity: Activity,
  computer: Computer,
  injectFailure: boolean
): Outcome => {
  const op = activity.operation
  const changes: Change[] = []
  const lines: string[] = []
  const apply: Array<() => void> = []
  for (const { name, version } of op.packages) {
    const installed = installedVersion(computer, name)
    const held = computer.held.includes(name)
    const available = availableVersions(ctx, computer, name)
    if (op.kind === "hold" || op.kind === "unhold") {
      if (installed === undefined)
        return failure(
          `E: Package ${name} is not installed, so not ${op.kind === "hold" ? "held" : "unheld"}`,
          changes
        )
      changes.push({ package: name, type: op.kind, version: installed, complemented: false })
      apply.push(() => {
        computer.held =
          op.kind === "hold"
            ? [...new Set([...computer.held, name])]
            : computer.held.filter((h) => h !== name)
      })
      lines.push(`${name} set on ${op.kind}.`)
      continue
    }
    if (op.kind === "remove") {
      if (installed === undefined) {
        lines.push(`Package '${name}' is not installed, so not removed`)
        continue
      }
      if (held)
        return failure(
          `E: Held packages were changed and -y was used without --allow-change-held-packages (${name})`,
          changes
        )
      changes.push({ package: name, type: "remove", version: installed, complemented: false })
      apply.push(() => {
        delete computer.packages[name]
      })
      lines.push(`Removed ${name} ${installed}`)
      continue
    }
    const target = version ?? available.at(-1)
    if (target === undefined || !available.includes(target)) {
      return failure(
        version === null
          ? `E: Unable to locate package ${name}`
          : `E: Version '${version}' for '${name}' was not found`,
        changes
      )
    }
    const order = installed === undefined ? 1 : compareVersions(target, installed)
    if (order < 0 && op.kind !== "downgrade") {
      return failure(
        `E: ${name} ${target} is older than the installed ${installed}; a downgrade needs the downgrade action`,
        changes
      )
    }
    if (op.kind === "downgrade" && order >= 0) {
      return failure(`E: ${name} ${target} is not older than the installed ${installed ?? "(none)"}`, changes)
    }
    if (order === 0) {
      lines.push(`${name} is already the newest version (${target}).`)
      continue
    }
    if (held)
      return failure(
        `E: Held packages were changed and -y was used without --allow-change-held-packages (${name})`,
        changes
      )
    changes.push(
      op.kind === "downgrade"
        ? {
            package: name,
            type: "downgrade",
            install_version: target,
            ...(installed === undefined ? {} : { remove_version: installed }),
            complemented: false
          }
        : { package: name, type: "install", version: target, complemented: false }
    )
    apply.push(() => {
      computer.packages[name] = target
    })
    lines.push(`${op.kind === "downgrade" ? "Downgraded" : "Installed"} ${name} ${target}`)
  }
  if (injectFailure) {
    const name = op.packages[0]?.name ?? "package"
    return failure(
      `dpkg: error processing package ${name} (--configure): installed ${name} package post-installation script subprocess returned error exit status 1`,
      changes
    )
  }
  for (const step of apply) step()
  return { ok: true, text: lines.join("\n"), changes }
}
