import type { SimContext } from "@planes/sim-kit"

/** The schemes a credential-less request to the integrated route is offered, in IIS/HTTP.SYS order. */
export const INTEGRATED_OFFERS = ["Negotiate", "NTLM"] as const

/**
 * 401 in AdminService's error shape with one `WWW-Authenticate` header per offer (the kit's error
 * helper takes a record of headers, which cannot repeat a name, so the headers are appended here).
 */
export const unauthorized = async (
  c: SimContext,
  offers: readonly string[],
  message = "Unauthorized"
): Promise<Response> => {
  const base = await c.var.kit.error(c, { status: 401, message })
  const response = new Response(base.body, base)
  response.headers.delete("www-authenticate")
  for (const offer of offers) response.headers.append("www-authenticate", offer)
  return response
}
