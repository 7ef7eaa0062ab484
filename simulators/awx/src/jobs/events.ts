import type { HostOutcome, JobRecord } from "../state/records.js"

/** One job event as the simulator derives it from the job's host outcomes. */
export interface JobEvent {
  readonly id: number
  readonly counter: number
  readonly event: string
  readonly event_display: string
  readonly event_level: number
  readonly failed: boolean
  readonly changed: boolean
  readonly uuid: string
  readonly parent_uuid: string
  readonly host: number | null
  readonly host_name: string
  readonly play: string
  readonly task: string
  readonly stdout: string
  readonly start_line: number
  readonly end_line: number
  readonly event_data: Readonly<Record<string, unknown>>
}

/** One host's recap (`job_host_summaries` row). */
export interface HostSummary {
  readonly id: number
  readonly host: number
  readonly host_name: string
  readonly ok: number
  readonly changed: number
  readonly failures: number
  readonly dark: number
  readonly skipped: number
  readonly ignored: number
  readonly rescued: number
  readonly processed: number
  readonly failed: boolean
}

const DISPLAY: Record<string, string> = {
  playbook_on_start: "Playbook Started",
  playbook_on_play_start: "Play Started",
  playbook_on_task_start: "Task Started",
  runner_on_ok: "Host OK",
  runner_on_failed: "Host Failed",
  runner_on_unreachable: "Host Unreachable",
  playbook_on_stats: "Playbook Complete"
}

// Ids derived from the job id keep event and summary ids unique without a store of their own.
const eventId = (job: JobRecord, counter: number) => job.id * 100_000 + counter
const uuidOf = (job: JobRecord, counter: number) =>
  `00000000-0000-4000-8000-${job.id.toString(16).padStart(6, "0")}${counter.toString(16).padStart(6, "0")}`

/** The tasks every simulated play runs; the second one is where a host fails or changes. */
export const tasksOf = (job: JobRecord): readonly string[] => [
  "Gathering Facts",
  `Run ${job.playbook}`,
  "Report state"
]

// How a host fares on each task: the runner event per task until it stops.
const runnerEvents = (outcome: HostOutcome): ReadonlyArray<{ event: string; changed: boolean }> => {
  switch (outcome) {
    case "unreachable":
      return [{ event: "runner_on_unreachable", changed: false }]
    case "failed":
      return [
        { event: "runner_on_ok", changed: false },
        { event: "runner_on_failed", changed: false }
      ]
    default:
      return [
        { event: "runner_on_ok", changed: false },
        { event: "runner_on_ok", changed: outcome === "changed" },
        { event: "runner_on_ok", changed: false }
      ]
  }
}

// A job's hosts and outcomes are fixed when it is created, so its summaries are built once per job: a
// client pages a 100,000-host job 200 summaries at a time, and each page would otherwise rebuild all.
const summaryCache = new WeakMap<JobRecord["hosts"], readonly HostSummary[]>()

/** Host summaries of a finished job, one per host in the order the inventory listed them. */
export const summariesOf = (job: JobRecord): readonly HostSummary[] => {
  const known = summaryCache.get(job.hosts)
  if (known !== undefined) return known
  const built = buildSummaries(job)
  summaryCache.set(job.hosts, built)
  return built
}

const buildSummaries = (job: JobRecord): HostSummary[] =>
  job.hosts.map((h, index) => {
    const runs = runnerEvents(h.outcome)
    const ok = runs.filter((r) => r.event === "runner_on_ok").length
    const failures = h.outcome === "failed" ? 1 : 0
    const dark = h.outcome === "unreachable" ? 1 : 0
    return {
      id: job.id * 10_000 + index + 1,
      host: h.host,
      host_name: h.host_name,
      ok,
      changed: runs.filter((r) => r.changed).length,
      failures,
      dark,
      skipped: 0,
      ignored: 0,
      rescued: 0,
      processed: 1,
      failed: failures > 0 || dark > 0
    }
  })

const stdoutOf = (event: string, host: string, changed: boolean): string => {
  switch (event) {
    case "runner_on_failed":
      return `fatal: [${host}]: FAILED! => {"changed": false, "msg": "Package operation failed"}`
    case "runner_on_unreachable":
      return `fatal: [${host}]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh", "unreachable": true}`
    default:
      return `${changed ? "changed" : "ok"}: [${host}]`
  }
}

/**
 * The events of a finished job, ordered by counter (= start_line order): playbook and play start,
 * each task with one runner event per host still in play, then `playbook_on_stats` with the recap.
 */
export const eventsOf = (job: JobRecord): JobEvent[] => {
  const out: JobEvent[] = []
  let line = 0
  const play = "all"
  const push = (
    event: string,
    parts: {
      host?: { id: number; name: string }
      task?: string
      changed?: boolean
      lines: string[]
      level: number
    }
  ) => {
    const counter = out.length + 1
    const failed = event === "runner_on_failed" || event === "runner_on_unreachable"
    const start = line
    line += parts.lines.length
    out.push({
      id: eventId(job, counter),
      counter,
      event,
      event_display: DISPLAY[event] ?? event,
      event_level: parts.level,
      failed,
      changed: parts.changed ?? false,
      uuid: uuidOf(job, counter),
      parent_uuid: parts.level === 0 ? "" : uuidOf(job, 1),
      host: parts.host?.id ?? null,
      host_name: parts.host?.name ?? "",
      play: parts.level === 0 ? "" : play,
      task: parts.task ?? "",
      stdout: parts.lines.join("\r\n"),
      start_line: start,
      end_line: line,
      event_data: {
        playbook: job.playbook,
        ...(parts.host === undefined ? {} : { host: parts.host.name }),
        ...(parts.task === undefined ? {} : { task: parts.task })
      }
    })
  }
  push("playbook_on_start", { lines: [], level: 0 })
  push("playbook_on_play_start", { lines: ["", `PLAY [${play}] ${"*".repeat(60)}`], level: 1 })
  tasksOf(job).forEach((task, index) => {
    const active = job.hosts.filter((h) => runnerEvents(h.outcome).length > index)
    if (active.length === 0) return
    push("playbook_on_task_start", { task, lines: ["", `TASK [${task}] ${"*".repeat(60)}`], level: 2 })
    for (const h of active) {
      const run = runnerEvents(h.outcome)[index]
      if (run === undefined) continue
      push(run.event, {
        host: { id: h.host, name: h.host_name },
        task,
        changed: run.changed,
        lines: [stdoutOf(run.event, h.host_name, run.changed)],
        level: 3
      })
    }
  })
  const recap = summariesOf(job).map(
    (s) =>
      `${s.host_name.padEnd(30)}: ok=${s.ok}    changed=${s.changed}    unreachable=${s.dark}    failed=${s.failures}    skipped=0    rescued=0    ignored=0`
  )
  push("playbook_on_stats", { lines: ["", `PLAY RECAP ${"*".repeat(60)}`, ...recap, ""], level: 1 })
  return out
}
