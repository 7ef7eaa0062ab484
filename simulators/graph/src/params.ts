import type { SimContext } from "@planes/sim-kit"

/** A path parameter the route pattern guarantees; helpers shared by several routes read it through here. */
export const pathParam = (c: SimContext, name: string): string => c.req.param(name) ?? ""
