import { silentLogger } from "@planes/sim-kit"
import { createVaultSimulator, type VaultSimulatorOptions } from "../src/index.js"

/** A parsed JSON answer as tests walk it: any property, any index, compared by the assertions. */
export type Loose = { readonly [key: string]: Loose } & { readonly [index: number]: Loose }

/** The instant every test simulator starts at; its clock is frozen so tests move time explicitly. */
export const START = Date.UTC(2026, 0, 1)

/** A quiet simulator on a frozen clock, with a request helper speaking Vault's headers. */
export const makeSim = (options: VaultSimulatorOptions = {}) => {
  const sim = createVaultSimulator({
    seed: 7,
    clock: { start: START, frozen: true },
    log: silentLogger,
    ...options
  })
  const call = async (
    method: string,
    path: string,
    init: { token?: string; bearer?: string; namespace?: string; body?: unknown; raw?: string } = {}
  ) => {
    const headers: Record<string, string> = {}
    if (init.token !== undefined) headers["X-Vault-Token"] = init.token
    if (init.bearer !== undefined) headers.Authorization = `Bearer ${init.bearer}`
    if (init.namespace !== undefined) headers["X-Vault-Namespace"] = init.namespace
    const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body))
    const response = await sim.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    let json: unknown
    try {
      json = text === "" ? undefined : JSON.parse(text)
    } catch {
      json = text
    }
    // Tests walk answers freely and assert their shapes with toEqual / toMatchObject, which is the check.
    return { status: response.status, json: json as Loose, headers: response.headers }
  }
  return { sim, call }
}
