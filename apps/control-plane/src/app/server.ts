import type { AddressInfo } from "node:net"
import { serve } from "@hono/node-server"
import { Effect, Fiber, ManagedRuntime, type Option, type Redacted } from "effect"
import { ensureBootstrapKey } from "../auth/bootstrap.js"
import type { AppConfig } from "../config/loadConfig.js"
import { createApp } from "../http/app.js"
import { appLayer, defaultPlatform, type Platform } from "./layers.js"
import { resumeLoop } from "./resume.js"

/** A running control plane. */
export interface RunningControlPlane {
  readonly url: string
  readonly port: number
  /** The admin key generated at first start, when one was. */
  readonly bootstrapKey: Option.Option<Redacted.Redacted<string>>
  readonly close: () => Promise<void>
}

/** Builds the services, makes sure an admin key exists, and serves the API on the configured address. */
export const startServer = async (
  config: AppConfig,
  platform: Platform = defaultPlatform
): Promise<RunningControlPlane> => {
  const runtime = ManagedRuntime.make(appLayer(config, platform))
  try {
    const rt = await runtime.runtime()
    const bootstrapKey = await runtime.runPromise(ensureBootstrapKey(config.bootstrapAdminKey))
    const app = createApp(rt)
    // Operations a dead process left running are finished in the background while the API serves.
    const resuming = runtime.runFork(resumeLoop)
    return await new Promise((resolve, reject) => {
      const server = serve(
        { fetch: app.fetch, port: config.port, hostname: config.host },
        (info: AddressInfo) => {
          const host = config.host.includes(":") ? `[${config.host}]` : config.host
          resolve({
            url: `http://${host}:${info.port}`,
            port: info.port,
            bootstrapKey,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done())
                if ("closeAllConnections" in server) server.closeAllConnections()
              })
                .then(() => runtime.runPromise(Fiber.interrupt(resuming)))
                .then(() => runtime.dispose())
          })
        }
      )
      server.once("error", reject)
    })
  } catch (error) {
    await runtime.dispose()
    throw error
  }
}

/** Logs a start-up failure for a person; the process exits non-zero. */
export const describeStartupFailure = (error: unknown) =>
  Effect.logError("the control plane could not start", error)
