import type { Socket } from "node:net"
import { type SimContext, socketOf } from "@planes/sim-kit"

/** Header naming a pseudo-connection for in-process requests (`app.request`), which have no socket. */
export const SIM_CONNECTION_HEADER = "x-sim-connection"

/**
 * Identifies the TCP connection of a request, because NTLM authenticates connections, not requests.
 * Served by node-server, that is the socket; in-process there is none, so the `x-sim-connection` header
 * stands in (without it every in-process request is a fresh connection and NTLM cannot complete).
 */
export class ConnectionIds {
  readonly #ids = new WeakMap<Socket, string>()
  #next = 1

  /** The connection id of a request, or undefined for an in-process request without the header. */
  of(c: SimContext): string | undefined {
    const socket = socketOf(c.env)
    if (socket !== undefined) {
      const known = this.#ids.get(socket)
      if (known !== undefined) return known
      const id = `socket-${this.#next++}`
      this.#ids.set(socket, id)
      return id
    }
    const header = c.req.header(SIM_CONNECTION_HEADER)
    return header === undefined || header === "" ? undefined : `header-${header}`
  }
}
