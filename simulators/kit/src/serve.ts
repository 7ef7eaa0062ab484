import type { Socket } from "node:net"
import { serve as nodeServe } from "@hono/node-server"

/** Where and how to listen. */
export interface ServeOptions {
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number
  /** Interface; defaults to loopback. */
  readonly hostname?: string
}

/** A running server. */
export interface RunningServer {
  readonly port: number
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string
  /** Stops listening and destroys open (keep-alive) connections; resolves once closed. */
  close(): Promise<void>
}

/** Anything with a fetch handler (a Hono app). */
export interface Fetchable {
  fetch(request: Request, env?: unknown): Response | Promise<Response>
}

/** Serves an app over HTTP/1.1 with `@hono/node-server`; resolves once listening. */
export const serve = (app: Fetchable, options: ServeOptions = {}): Promise<RunningServer> => {
  const hostname = options.hostname ?? "127.0.0.1"
  const sockets = new Set<Socket>()
  return new Promise((resolve, reject) => {
    const server = nodeServe(
      { fetch: (request, env) => app.fetch(request, env), port: options.port ?? 0, hostname },
      (info) => {
        const host = hostname.includes(":") ? `[${hostname}]` : hostname
        resolve({
          port: info.port,
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((err) => (err === undefined ? done() : fail(err)))
              // Keep-alive connections would hold close() open until they time out.
              for (const socket of sockets) socket.destroy()
            })
        })
      }
    )
    server.on("connection", (socket: Socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    server.once("error", reject)
  })
}
