import type { JournalEntry, JournalFilter } from "./journal.js"
import type { SimSnapshot } from "./kit.js"
import { type Fetchable, type RunningServer, serve } from "./serve.js"

/** A journal query for {@link SimForTests.journal}: the `GET /_sim/journal` parameters. */
export type JournalQuery = Omit<JournalFilter, "sinceMs"> & {
  /** Only entries at or after this simulated instant (ISO 8601 or epoch ms). */
  readonly since?: string
}

/** A simulator served on a free loopback port for a test, with admin helpers. */
export interface SimForTests {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string
  readonly port: number
  readonly server: RunningServer
  /**
   * Calls the admin API (or any path) with a JSON body and decodes the JSON answer (undefined when empty).
   * Throws an Error naming method, path, status and body when the answer is not 2xx.
   */
  readonly admin: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>
  /** The journal entries (`GET /_sim/journal`), oldest first. */
  readonly journal: (filter?: JournalQuery) => Promise<ReadonlyArray<JournalEntry>>
  /** The exported state (`GET /_sim/state`). */
  readonly state: () => Promise<SimSnapshot>
  /** Stops the server and drops open connections. */
  readonly close: () => Promise<void>
}

/** Serves `app` on a free loopback port and returns the admin helpers tests need. */
export const startForTests = async (app: Fetchable): Promise<SimForTests> => {
  const server = await serve(app, { port: 0, hostname: "127.0.0.1" })
  const admin = async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    if (response.status < 200 || response.status > 299)
      throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return (text === "" ? undefined : JSON.parse(text)) as T
  }
  const journal = async (filter: JournalQuery = {}) => {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value))
    const suffix = query.size === 0 ? "" : `?${query.toString()}`
    return (await admin<{ entries: ReadonlyArray<JournalEntry> }>("GET", `/_sim/journal${suffix}`)).entries
  }
  return {
    url: server.url,
    port: server.port,
    server,
    admin,
    journal,
    state: () => admin<SimSnapshot>("GET", "/_sim/state"),
    close: () => server.close()
  }
}
