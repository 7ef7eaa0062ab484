import type { PlaneError } from "@planes/core"
import { Effect, Option, Ref } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { permanent } from "../errors.js"

/**
 * The site id: the configured one, else `SMS_Identification.GetSiteID` asked once and remembered (a
 * failed ask is not remembered, so the next publish asks again).
 */
export const makeSiteId = (
  admin: AdminServiceClient,
  configured: string | undefined
): Effect.Effect<Effect.Effect<string, PlaneError>> =>
  Effect.map(Ref.make(Option.fromNullable(configured)), (known) =>
    Effect.flatMap(Ref.get(known), (value) =>
      Option.match(value, {
        onSome: Effect.succeed,
        onNone: () =>
          admin
            .invoke("read site id", { cls: "SMS_Identification", method: "GetSiteID" }, {})
            .pipe(
              Effect.flatMap((result) =>
                result.SiteID == null || result.SiteID === ""
                  ? permanent(
                      "read site id",
                      "NoSiteId",
                      "SMS_Identification.GetSiteID returned no SiteID; set siteId in the SCCM configuration."
                    )
                  : Effect.as(Ref.set(known, Option.some(result.SiteID)), result.SiteID)
              )
            )
      })
    )
  )
