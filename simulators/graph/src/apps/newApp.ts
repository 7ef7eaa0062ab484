import { serverManagedProperties, type Win32AppBody } from "./appSchemas.js"
import type { AppRecord } from "./appState.js"

/** The client-settable properties of a decoded body (server-owned ones dropped). */
export const clientProps = (body: Win32AppBody): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(body).filter(([k, v]) => v !== undefined && !serverManagedProperties.has(k))
  )

/** A freshly created win32LobApp: `notPublished`, no content, no assignments. */
export const newAppRecord = (id: string, body: Win32AppBody, nowMs: number): AppRecord => ({
  id,
  odataType: "#microsoft.graph.win32LobApp",
  props: clientProps(body),
  createdAtMs: nowMs,
  modifiedAtMs: nowMs,
  publishingState: "notPublished",
  publishAtMs: null,
  committedContentVersion: null,
  nextContentVersion: 1,
  contentVersions: [],
  assignments: [],
  relationships: []
})

/** Marks an app published with one committed content version "1" (admin seeding for provider states). */
export const publishedNow = (app: AppRecord, fileId: string, nowMs: number): void => {
  app.contentVersions = [
    {
      id: "1",
      createdAtMs: nowMs,
      files: [
        {
          id: fileId,
          name: String(app.props.fileName ?? "IntunePackage.intunewin"),
          size: 0,
          sizeEncrypted: 0,
          manifest: null,
          isDependency: false,
          createdAtMs: nowMs,
          uploadState: "commitFileSuccess",
          transition: null,
          blob: `${fileId}.intunewin.bin`,
          sasExpiresAtMs: null,
          isCommitted: true,
          commitFailure: null
        }
      ]
    }
  ]
  app.nextContentVersion = 2
  app.committedContentVersion = "1"
  app.publishingState = "published"
  app.publishAtMs = null
}
