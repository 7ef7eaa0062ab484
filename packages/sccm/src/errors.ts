import { planeErrors } from "@planes/core"

/** The errors the sccm adapter raises itself (not answers from AdminService), under the correlation id in force. */
export const { permanent, policy } = planeErrors("sccm")
