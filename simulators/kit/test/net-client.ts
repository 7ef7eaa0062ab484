import { connect } from "node:net"

/** What a raw TCP client saw after sending one HTTP/1.1 request. */
export type RawOutcome =
  | { readonly kind: "response"; readonly text: string }
  | { readonly kind: "closed-empty" }
  | { readonly kind: "reset" }
  | { readonly kind: "error"; readonly code: string }

/**
 * Sends one request over a fresh TCP connection and reports how the server ended it, telling a reset
 * (RST, ECONNRESET) from an empty reply (FIN without a byte) from an answer.
 */
export const rawRequest = (port: number, method: string, path: string, body = ""): Promise<RawOutcome> =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1")
    const chunks: Buffer[] = []
    socket.on("data", (chunk: Buffer) => chunks.push(chunk))
    socket.on("error", (err: NodeJS.ErrnoException) => {
      resolve(err.code === "ECONNRESET" ? { kind: "reset" } : { kind: "error", code: err.code ?? "unknown" })
    })
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8")
      resolve(text === "" ? { kind: "closed-empty" } : { kind: "response", text })
      socket.destroy()
    })
    socket.write(
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    )
  })
