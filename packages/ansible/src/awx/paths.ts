/** One segment of a resource path: a name or an id. */
export type Segment = string | number

/**
 * A controller resource path relative to the API root, always ending in `/`: AWX answers 301 to a path
 * without its trailing slash, and a client that follows the redirect drops a POST body. Every request
 * of the connector builds its path here, so none can forget it. Segments are percent-encoded.
 */
export const awxPath = (...segments: ReadonlyArray<Segment>): string =>
  `${segments.map((segment) => encodeURIComponent(String(segment))).join("/")}/`
