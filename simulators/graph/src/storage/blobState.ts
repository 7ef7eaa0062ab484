import { Schema } from "effect"

/** One block blob: uncommitted blocks by id, and the committed content assembled by Put Block List. */
export const BlobRecord = Schema.mutable(
  Schema.Struct({
    blocks: Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Uint8ArrayFromBase64 })),
    committed: Schema.NullOr(Schema.Uint8ArrayFromBase64),
    committedBlocks: Schema.Array(Schema.String)
  })
)
/** One block blob. */
export type BlobRecord = typeof BlobRecord.Type

/** A tenant's container: blobs by name. */
export const BlobsState = Schema.mutable(Schema.Record({ key: Schema.String, value: BlobRecord }))
/** A tenant's container. */
export type BlobsState = typeof BlobsState.Type
