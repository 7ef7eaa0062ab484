import type { SimContext } from "@planes/sim-kit"

/** The schemes a credential-less request to the integrated route is offered, in IIS/HTTP.SYS order. */
export const INTEGRATED_OFFERS = ["Negotiate", "NTLM"] as const

/** 401 in AdminService's error shape with one `WWW-Authenticate` header per offer. */
export const unauthorized = (c: SimContext, offers: readonly string[], message = "Unauthorized") =>
  c.var.kit.error(c, {
    status: 401,
    message,
    headers: offers.map((offer): readonly [string, string] => ["WWW-Authenticate", offer])
  })
