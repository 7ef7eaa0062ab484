import { planeErrors } from "@planes/core"

/** The errors the jamf adapter raises itself (not answers from Jamf), under the correlation id in force. */
export const { permanent, transient } = planeErrors("jamf")
