import {
  type AssignmentState,
  Correlation,
  type DeviceState,
  emptyCounts,
  type PlaneError,
  phaseOf
} from "@planes/core"
import { Effect, Stream } from "effect"
import { phaseOfJob, summariesReady } from "../mapping/hostStatus.js"
import { ansibleRef, parseAnsibleRef } from "../ref/ansibleRef.js"
import type { AnsibleRuntime } from "../runtime.js"
import { statesOf, viewOf } from "./assignmentView.js"

/**
 * Every host's state for the assignment a ref names, paged lazily from the job's host summaries; the
 * lookups and every page run under one correlation id.
 */
export const deviceStates = (runtime: AnsibleRuntime, ref: string): Stream.Stream<DeviceState, PlaneError> =>
  Correlation.ensureStream(
    Stream.unwrap(
      Effect.gen(function* () {
        const ids = yield* parseAnsibleRef(ref, "device states")
        const view = yield* viewOf(runtime, ids, "device states")
        return statesOf(runtime, view, "device states")
      })
    )
  )

/**
 * The assignment's phase and host counts. Counts come from the host summaries (every page); the phase
 * from them once the newest job of the chain has ended and its events are saved, otherwise from that
 * job's status (AWX lists a job's hosts only after it ran: until then the counts are empty).
 */
export const queryState = (
  runtime: AnsibleRuntime,
  ref: string
): Effect.Effect<AssignmentState, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseAnsibleRef(ref, "query state")
      const view = yield* viewOf(runtime, ids, "query state")
      const counts = yield* Stream.runFold(
        statesOf(runtime, view, "query state"),
        emptyCounts(),
        (counts, device) => {
          counts[device.status] += 1
          return counts
        }
      )
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
      const { head } = view
      const phase =
        total === 0 ? phaseOfJob(view.chain[0]) : summariesReady(head) ? phaseOf(counts) : "in_progress"
      return {
        plane: "ansible" as const,
        ref: ansibleRef(ids),
        phase,
        counts,
        total,
        raw: {
          job: view.chain[0].id,
          status: view.chain[0].status,
          jobExplanation: view.chain[0].job_explanation,
          latestJob: head.id,
          latestStatus: head.status,
          eventProcessingFinished: head.event_processing_finished
        }
      }
    })
  )
