/** A simulator's catch-up: brings time-driven state (check-ins, activities, evaluations) up to `now`. */
export type AdvanceHook = (now: number) => void

/**
 * The registered advance hooks. The kit runs them before a state export, after the clock moves, before
 * each vendor request and on `POST /_sim/tick`, so a simulator's state never lags the simulated clock.
 * Hooks should return at once when nothing is due: they run on every vendor request.
 */
export class AdvanceHooks {
  readonly #hooks: AdvanceHook[] = []
  #running = false

  /** Registers a hook; the returned function unregisters it. */
  add(hook: AdvanceHook): () => void {
    this.#hooks.push(hook)
    return () => {
      const index = this.#hooks.indexOf(hook)
      if (index >= 0) this.#hooks.splice(index, 1)
    }
  }

  /** Runs every hook in registration order at `now`; a hook that exports state does not re-enter. */
  run(now: number): void {
    if (this.#running) return
    this.#running = true
    try {
      for (const hook of [...this.#hooks]) hook(now)
    } finally {
      this.#running = false
    }
  }
}
