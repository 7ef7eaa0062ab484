import { planeErrors } from "@planes/core"

/** The errors the ansible adapter raises itself (not answers from AWX), under the correlation id in force. */
export const { permanent, transient } = planeErrors("ansible")
