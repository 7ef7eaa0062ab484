import type { FileRecord } from "../apps/appState.js"
import { sasUrl } from "../storage/sas.js"

/** Where upload URLs are rooted and signed. */
export interface UrlSigner {
  readonly origin: string
  readonly secret: string
  readonly container: string
}

/** A mobileAppContentFile as Graph answers it; the upload URL appears once granted. */
export const renderFile = (file: FileRecord, signer: UrlSigner): Record<string, unknown> => {
  const expires = file.sasExpiresAtMs
  return {
    "@odata.type": "#microsoft.graph.mobileAppContentFile",
    azureStorageUri:
      expires === null
        ? null
        : sasUrl(signer.origin, signer.secret, {
            container: signer.container,
            blob: file.blob,
            expiresAtMs: expires
          }),
    isCommitted: file.isCommitted,
    id: file.id,
    createdDateTime: new Date(file.createdAtMs).toISOString(),
    name: file.name,
    size: file.size,
    sizeEncrypted: file.sizeEncrypted,
    azureStorageUriExpirationDateTime: expires === null ? null : new Date(expires).toISOString(),
    manifest: file.manifest,
    uploadState: file.uploadState,
    isDependency: file.isDependency
  }
}

/** A mobileAppContent as Graph answers it. */
export const renderContentVersion = (id: string): Record<string, unknown> => ({
  "@odata.type": "#microsoft.graph.mobileAppContent",
  id
})
