import type { FileRecord } from "../apps/appState.js"
import { settleFile } from "../apps/settle.js"
import type { GraphSettings } from "../config/settings.js"
import { type UploadEncryptionInfo, verifyUpload } from "./verifyUpload.js"

type Timings = Pick<GraphSettings, "renewDelayMs" | "commitDelayMs" | "sasLifetimeMs">

const uploadReady: ReadonlySet<string> = new Set([
  "azureStorageUriRequestSuccess",
  "azureStorageUriRenewalSuccess"
])

/**
 * `renewUpload`: from a granted upload URL to `azureStorageUriRenewalPending`, then (after the renew
 * delay) `azureStorageUriRenewalSuccess` with a fresh expiry. Returns the problem for a 400, if any.
 */
export const renewUpload = (file: FileRecord, nowMs: number, timings: Timings): string | undefined => {
  if (!uploadReady.has(file.uploadState)) {
    return `The upload URL of file '${file.id}' cannot be renewed in state '${file.uploadState}'.`
  }
  file.uploadState = "azureStorageUriRenewalPending"
  file.transition = { atMs: nowMs + timings.renewDelayMs, to: "azureStorageUriRenewalSuccess" }
  settleFile(file, nowMs, timings)
  return undefined
}

/**
 * `commit`: verifies the committed blob against the encryption info and `sizeEncrypted` now, then shows
 * `commitFilePending` until the commit delay has passed and `commitFileSuccess` or `commitFileFailed`
 * after. A failed commit may be retried. Returns the problem for a 400, if any.
 */
export const commitFile = (
  file: FileRecord,
  blob: Uint8Array | null,
  info: UploadEncryptionInfo,
  nowMs: number,
  timings: Timings
): string | undefined => {
  if (!uploadReady.has(file.uploadState) && file.uploadState !== "commitFileFailed") {
    return `File '${file.id}' cannot be committed in state '${file.uploadState}'.`
  }
  const verdict = verifyUpload(blob, info, file.sizeEncrypted)
  file.commitFailure = verdict.ok ? null : verdict.reason
  file.uploadState = "commitFilePending"
  file.transition = {
    atMs: nowMs + timings.commitDelayMs,
    to: verdict.ok ? "commitFileSuccess" : "commitFileFailed"
  }
  settleFile(file, nowMs, timings)
  return undefined
}
