import {
  type AssignmentState,
  Correlation,
  countStatuses,
  type DeviceState,
  type PlaneError,
  phaseOf
} from "@planes/core"
import { Effect, Stream } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { type ComplianceReport, complianceReportOf } from "../mapping/compliance.js"
import { landscapeRef, parseLandscapeRef } from "../ref/landscapeRef.js"
import { collectDeviceStates, streamComputerStates } from "./deviceStates.js"

/** The states of an assignment's computers, under the correlation id in force (or a new one). */
const statesOf = (client: LandscapeClient, ref: string, operation: string) =>
  Correlation.ensure(
    Effect.flatMap(parseLandscapeRef(ref, operation), (a) =>
      Effect.map(collectDeviceStates(client, operation, a), (devices) => ({ a, devices }))
    )
  )

/** Every computer's state for the assignment a ref names, a page of computers at a time (one correlation id). */
export const deviceStates = (client: LandscapeClient, ref: string): Stream.Stream<DeviceState, PlaneError> =>
  Correlation.ensureStream(
    Stream.unwrap(
      Effect.map(parseLandscapeRef(ref, "device states"), (a) =>
        Stream.map(streamComputerStates(client, "device states", a), (c) => c.state)
      )
    )
  )

/** The assignment's phase and counts per status, with the compliance classes in `raw`. */
export const queryState = (
  client: LandscapeClient,
  ref: string
): Effect.Effect<AssignmentState, PlaneError> =>
  Effect.map(statesOf(client, ref, "query state"), ({ a, devices }) => {
    const counts = countStatuses(devices)
    const report = complianceReportOf(landscapeRef(a), devices)
    return {
      plane: "landscape" as const,
      ref: landscapeRef(a),
      phase: phaseOf(counts),
      counts,
      total: devices.length,
      raw: {
        activity: a.activity ?? null,
        search: a.search,
        compliant: report.compliant.length,
        nonCompliant: report.nonCompliant.length,
        pending: report.pending.length,
        unreachable: report.unreachable.length
      }
    }
  })

/** The compliance report of an assignment: computers compliant, non-compliant, pending, unreachable. */
export const complianceReport = (
  client: LandscapeClient,
  ref: string
): Effect.Effect<ComplianceReport, PlaneError> =>
  Effect.map(statesOf(client, ref, "compliance report"), ({ a, devices }) =>
    complianceReportOf(landscapeRef(a), devices)
  )
