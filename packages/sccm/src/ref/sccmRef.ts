import {
  type AssignmentRef,
  Correlation,
  decodeAssignmentRef,
  formatAssignmentRef,
  type PlaneError
} from "@planes/core"
import { Effect } from "effect"
import { permanent } from "../errors.js"

/** What an SCCM assignment ref names: the deployment, its collection, and the application's ModelName. */
export interface SccmRef {
  readonly deploymentId: number
  readonly collectionId: string
  readonly modelName: string
}

/** Prints `sccm:collection=<CollectionID>;deployment=<AssignmentID>;model=<ModelName>`. */
export const sccmRef = (ref: SccmRef): string =>
  formatAssignmentRef({
    plane: "sccm",
    ids: { collection: ref.collectionId, deployment: String(ref.deploymentId), model: ref.modelName }
  })

const fromIds = (ref: AssignmentRef): SccmRef | string => {
  if (ref.plane !== "sccm") return `names the ${ref.plane} plane, not sccm`
  const { collection, deployment, model } = ref.ids
  if (collection === undefined || deployment === undefined || model === undefined)
    return "lacks one of collection, deployment and model"
  if (!/^\d+$/.test(deployment)) return "has a deployment id that is not a number"
  return { deploymentId: Number(deployment), collectionId: collection, modelName: model }
}

/** Reads an SCCM ref back, failing with a PermanentError that says what is wrong. */
export const parseSccmRef = (text: string, operation: string): Effect.Effect<SccmRef, PlaneError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.flatMap(decodeAssignmentRef(text, { operation, correlationId, plane: "sccm" }), (ref) => {
      const parsed = fromIds(ref)
      return typeof parsed === "string"
        ? permanent(
            operation,
            "InvalidAssignmentRef",
            `The assignment reference ${parsed}. Use the ref createAssignment returned, e.g. sccm:collection=ABC00011;deployment=16777400;model=ScopeId_.../Application_...`
          )
        : Effect.succeed(parsed)
    })
  )
