import { Socket } from "node:net"

/** Status the kit answers in-process (`app.request`, no socket) where a socket-level fault would fire. */
export const NO_SOCKET_STATUS = 599

/** Header naming the socket-level fault on such an in-process answer. */
export const SIM_FAULT_HEADER = "x-sim-fault"

/** Socket-level fault kinds. */
export type SocketFaultKind = "reset" | "empty" | "lost"

/**
 * The TCP socket under a request served by `@hono/node-server` (its bindings put the IncomingMessage at
 * `c.env.incoming`); undefined in-process, where `c.env` is empty.
 */
export const socketOf = (env: unknown): Socket | undefined => {
  if (typeof env !== "object" || env === null || !("incoming" in env)) return undefined
  const incoming: unknown = env.incoming
  if (typeof incoming !== "object" || incoming === null || !("socket" in incoming)) return undefined
  const socket: unknown = incoming.socket
  return socket instanceof Socket ? socket : undefined
}

/**
 * Breaks the connection for a socket-level fault. `reset` and `lost` send a TCP RST
 * (`resetAndDestroy`); `empty` closes normally (FIN) without having written a byte. Node drops
 * anything written to a destroyed socket, so the response the adapter later tries to write never leaves.
 */
export const breakConnection = (socket: Socket, kind: SocketFaultKind): void => {
  if (kind === "empty") socket.destroy()
  else socket.resetAndDestroy()
}

/** The visible stand-in answer for a socket-level fault when there is no socket (in-process requests). */
export const noSocketResponse = (kind: SocketFaultKind): Response =>
  new Response(
    JSON.stringify({
      simFault: kind,
      message: `socket-level fault "${kind}" fired, but this request has no socket (in-process); serve() the app to observe it`
    }),
    { status: NO_SOCKET_STATUS, headers: { "content-type": "application/json", [SIM_FAULT_HEADER]: kind } }
  )
