import { Schema } from "effect"

/** Uploaded package files by package id, base64 (kept in a store so snapshots hold the bytes too). */
export const FilesState = Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.String }))
/** Uploaded package files by package id. */
export type FilesState = typeof FilesState.Type
