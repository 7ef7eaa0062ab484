/** A token bucket's state: tokens left at an instant. */
export interface BucketState {
  tokens: number
  updatedAtMs: number
}

/** Capacity and refill rate of a bucket. */
export interface BucketShape {
  /** Most tokens the bucket holds (the burst). */
  readonly capacity: number
  /** Tokens added per millisecond. */
  readonly refillPerMs: number
}

/** Brings a bucket up to `nowMs`; time running backwards (clock set back) adds nothing. */
export const refill = (state: BucketState, shape: BucketShape, nowMs: number): void => {
  const elapsed = Math.max(0, nowMs - state.updatedAtMs)
  state.tokens = Math.min(shape.capacity, state.tokens + elapsed * shape.refillPerMs)
  state.updatedAtMs = nowMs
}

/** Milliseconds until the (refilled) bucket holds one whole token; 0 when it already does. */
export const msUntilToken = (state: BucketState, shape: BucketShape): number =>
  state.tokens >= 1 ? 0 : (1 - state.tokens) / shape.refillPerMs
