import type { SimKit } from "@planes/sim-kit"
import type { ProductInfo } from "../routing/headers.js"
import type { AwxSettings } from "../state/settings.js"
import { type AwxStores, TENANT } from "../state/stores.js"

/** What every route group needs: the kit, the AWX stores and the product it impersonates. */
export interface Deps {
  readonly kit: SimKit
  readonly stores: AwxStores
  readonly product: ProductInfo
}

/** The current run-time settings. */
export const settingsOf = (deps: Deps): AwxSettings => deps.stores.settings.get(TENANT)

/** The simulated time now, in epoch ms. */
export const nowOf = (deps: Deps): number => deps.kit.clock.now()
