/** How to start a simulator clock. */
export interface ClockOptions {
  /** The simulated instant at creation (epoch ms or Date); defaults to the real time. */
  readonly start?: number | Date
  /** When true the clock only moves when advanced or set, which makes time-based tests exact. */
  readonly frozen?: boolean
}

/** JSON view of a clock, as the admin API shows it. */
export interface ClockView {
  readonly now: string
  readonly epochMs: number
  readonly frozen: boolean
}

const toMs = (at: number | Date): number => (typeof at === "number" ? at : at.getTime())

/**
 * The simulated clock every time-based part of a simulator reads. It runs in real time from its start
 * instant (unless frozen) and can be advanced or set, so tests move time instead of sleeping.
 */
export class SimClock {
  readonly #realNow: () => number
  #base: number
  #realAtBase: number
  #frozen: boolean

  /** Creates a clock; `realNow` is injectable so the clock itself can be tested without waiting. */
  constructor(options: ClockOptions = {}, realNow: () => number = Date.now) {
    this.#realNow = realNow
    this.#realAtBase = realNow()
    this.#base = options.start === undefined ? this.#realAtBase : toMs(options.start)
    this.#frozen = options.frozen ?? false
  }

  /** Current simulated time in epoch milliseconds. */
  now(): number {
    return this.#frozen ? this.#base : this.#base + (this.#realNow() - this.#realAtBase)
  }

  /** Current simulated time as a Date. */
  date(): Date {
    return new Date(this.now())
  }

  /** Current simulated time as an ISO 8601 string. */
  iso(): string {
    return this.date().toISOString()
  }

  /** Whether the clock only moves when told to. */
  get frozen(): boolean {
    return this.#frozen
  }

  /** Moves simulated time forward by `ms` (negative values move it back). */
  advance(ms: number): void {
    this.set(this.now() + ms)
  }

  /** Jumps simulated time to an instant. */
  set(at: number | Date): void {
    this.#base = toMs(at)
    this.#realAtBase = this.#realNow()
  }

  /** Freezes or unfreezes the clock at the current simulated instant. */
  setFrozen(frozen: boolean): void {
    this.set(this.now())
    this.#frozen = frozen
  }

  /** The instant `ms` from now, as a Date (token expiry, Retry-After deadlines). */
  after(ms: number): Date {
    return new Date(this.now() + ms)
  }

  /** JSON view for the admin API. */
  view(): ClockView {
    const now = this.now()
    return { now: new Date(now).toISOString(), epochMs: now, frozen: this.#frozen }
  }
}
