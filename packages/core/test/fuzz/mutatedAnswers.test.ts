import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import fc from "fast-check"
import { PermanentError, type PlaneError, TransientError } from "../../src/index.js"
import {
  type AnswerMutation,
  bodyMutations,
  checkMutatedAnswer,
  type Exchange,
  mutatedAnswerCases,
  type RecordedConversation,
  type RecordedOperation,
  replaysUnchanged,
  replayTransport
} from "../../src/testing/index.js"

const answer = (target: string, body: string): Exchange => ({
  method: "GET",
  target,
  status: 200,
  headers: { "content-type": "application/json" },
  body
})
const recording = [
  answer("/apps/7", '{"id":"7","version":"1.0"}'),
  answer("/apps/7/status", '{"installed":3}')
]

// The helper never runs an operation itself: the suite's replay does, so `run` is not reached here.
const operation = (name: string, from: number, to: number): RecordedOperation => ({
  name,
  from,
  to,
  run: () => Effect.die("the fake planes below read the vendor themselves")
})
const queryState = operation("queryState", 0, 2)

const App = Schema.parseJson(Schema.Struct({ id: Schema.String, version: Schema.String }))
const Status = Schema.parseJson(Schema.Struct({ installed: Schema.Int }))
type Decoder = <A, I>(schema: Schema.Schema<A, I>, text: string) => Effect.Effect<A, PlaneError>

const context = { plane: "core", operation: "queryState", correlationId: "c" } as const
// Decodes with Schema and says an undecodable answer will not get better: what every adapter must do.
const typed: Decoder = (schema, text) =>
  Effect.mapError(
    Schema.decodeUnknown(schema)(text),
    (error) => new PermanentError({ ...context, message: `an undecodable answer: ${error.message}` })
  )
// Decodes as if the vendor could not be wrong: a bad answer throws, and the throw is a defect.
const trusting: Decoder = (schema, text) => Effect.sync(() => Schema.decodeUnknownSync(schema)(text))
// Typed, but calls an undecodable answer transient, so a caller would retry what can never succeed.
const retrying: Decoder = (schema, text) =>
  Effect.mapError(
    Schema.decodeUnknown(schema)(text),
    (error) => new TransientError({ ...context, message: error.message })
  )

// A fake plane's queryState: reads the app and its status from the vendor, decoding each with `decode`.
const conversationOf = (
  decode: Decoder,
  operations: ReadonlyArray<RecordedOperation> = [queryState]
): RecordedConversation => ({
  recording,
  operations,
  replay: (_operation, mutation?: AnswerMutation) =>
    Effect.runPromiseExit(
      Effect.gen(function* () {
        const client = yield* HttpClient.HttpClient
        const read = (path: string) =>
          Effect.flatMap(client.get(`http://vendor.test${path}`), (response) => response.text).pipe(
            Effect.mapError((error) => new TransientError({ ...context, message: error.message }))
          )
        const app = yield* Effect.flatMap(read("/apps/7"), (text) => decode(App, text))
        const status = yield* Effect.flatMap(read(`/apps/${app.id}/status`), (text) => decode(Status, text))
        return { version: app.version, installed: status.installed }
      }).pipe(Effect.provide(replayTransport(recording, mutation)))
    )
})

// Every case of the conversation, each exchange with each of its mutations: small enough to run them all.
const everyProblem = async (conversation: RecordedConversation) => {
  const caseOf = mutatedAnswerCases(conversation)
  const problems: Array<string> = []
  for (const [exchange, { body }] of recording.entries()) {
    for (let mutation = 0; mutation < bodyMutations(body).length; mutation++) {
      problems.push(...(await checkMutatedAnswer(conversation, caseOf({ operation: 0, exchange, mutation }))))
    }
  }
  return problems
}

describe("replaysUnchanged", () => {
  it("finds nothing wrong when every operation replays to success", async () => {
    expect(await replaysUnchanged(conversationOf(typed))).toEqual([])
  })

  it("names an operation that fails unchanged, and one that sent no request", async () => {
    const refusing: Decoder = () => Effect.fail(new PermanentError({ ...context, message: "no app 7" }))
    const problems = await replaysUnchanged(
      conversationOf(refusing, [queryState, operation("remediate", 2, 2)])
    )
    expect(problems).toHaveLength(2)
    expect(problems[0]).toBe("queryState, replayed unchanged, ended in a PermanentError (no code): no app 7")
    expect(problems[1]).toBe("remediate sent no request, so none of its answers can be mutated")
  })
})

describe("mutatedAnswerCases", () => {
  it("turns any whole numbers into a case of an operation that sent requests, the exchange its own", () => {
    const caseOf = mutatedAnswerCases(
      conversationOf(typed, [operation("publishPackage", 0, 0), operation("queryState", 1, 2)])
    )
    for (const pick of [
      { operation: 0, exchange: 0, mutation: 0 },
      { operation: 7, exchange: -3, mutation: 1e9 },
      { operation: 2 ** 31 - 1, exchange: 2.5, mutation: -1 }
    ]) {
      const made = caseOf(pick)
      expect(made.operation.name).toBe("queryState")
      expect(made.exchange).toBe(recording[1])
      expect(typeof made.body).toBe("string")
    }
    expect(caseOf({ operation: 0, exchange: 0, mutation: 0 }).body).not.toBe(recording[1]?.body)
  })

  it("refuses a conversation in which no operation sent a request", () => {
    expect(() => mutatedAnswerCases(conversationOf(typed, [operation("queryState", 0, 0)]))).toThrow(
      /no operation that sent a request/
    )
  })
})

describe("checkMutatedAnswer", () => {
  it("passes a plane that answers every mutated answer with success or a fitting typed error", async () => {
    expect(await everyProblem(conversationOf(typed))).toEqual([])
  })

  it("catches a plane that defects on a mutated answer, naming the operation, request, body and defect", async () => {
    const problems = await everyProblem(conversationOf(trusting))
    expect(problems.length).toBeGreaterThan(0)
    const dropped = problems.find((p) =>
      p.startsWith('queryState: GET /apps/7 (200) answered "{\\"id\\":\\"7\\"}"')
    )
    expect(dropped).toMatch(/ended in a defect:\n[\s\S]*version/)
  })

  it("names a case that never ends instead of hanging the suite", async () => {
    const endless: RecordedConversation = {
      ...conversationOf(typed),
      // A promise that never settles, and holds no timer that would keep the worker alive.
      replay: () => new Promise(() => {})
    }
    const made = mutatedAnswerCases(endless)({ operation: 0, exchange: 0, mutation: 0 })
    const problems = await checkMutatedAnswer(endless, made, 50)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(
      /^queryState: GET \/apps\/7 \(200\) answered [\s\S]*\ndid not end within 50 ms$/
    )
  })

  it("catches a plane that calls an undecodable 2xx answer transient, but not a decodable one", async () => {
    const problems = await everyProblem(conversationOf(retrying))
    expect(problems.length).toBeGreaterThan(0)
    for (const problem of problems) expect(problem).toMatch(/is undecodable but ended in a TransientError/)
    const caseOf = mutatedAnswerCases(conversationOf(retrying))
    const wellFormed = [...Array(bodyMutations(recording[0]?.body ?? "").length).keys()]
      .map((mutation) => caseOf({ operation: 0, exchange: 0, mutation }))
      .filter((made) => made.wellFormed)
    expect(wellFormed.length).toBeGreaterThan(0)
    for (const made of wellFormed)
      expect(await checkMutatedAnswer(conversationOf(retrying), made)).toEqual([])
  })

  it("fails a property written as the adapter suites write it, the problem in fast-check's report", async () => {
    const conversation = conversationOf(trusting)
    const caseOf = mutatedAnswerCases(conversation)
    const pick = fc.noBias(fc.nat())
    const property = fc.asyncProperty(pick, pick, pick, async (operation, exchange, mutation) => {
      const problems = await checkMutatedAnswer(conversation, caseOf({ operation, exchange, mutation }))
      expect(problems, problems.join("\n")).toEqual([])
    })
    // fast-check keeps the failed assertion as the cause of its report, and vitest prints both.
    const failure = await fc.assert(property, { numRuns: 100, seed: 9 }).then(
      () => "passed",
      (error: unknown) => error
    )
    expect(failure).toMatchObject({
      message: expect.stringMatching(/^Property failed/),
      cause: {
        message: expect.stringMatching(/^queryState: GET \/apps\/7 \(200\) answered .*\nended in a defect:\n/)
      }
    })
  })
})
