/** Thrown by admin hooks (such as a simulator's `onSeed`) to answer 400 with this message. */
export class AdminInputError extends Error {
  override readonly name = "AdminInputError"
}
