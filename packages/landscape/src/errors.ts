import { planeErrors } from "@planes/core"

/** The errors the landscape adapter raises itself (not answers from Landscape), under the correlation id in force. */
export const { permanent, transient } = planeErrors("landscape")
