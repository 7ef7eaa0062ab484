import { planeErrors } from "@planes/core"

/** The errors the intune adapter raises itself (not answers from Graph), under the correlation id in force. */
export const { permanent, transient, policy } = planeErrors("intune")
