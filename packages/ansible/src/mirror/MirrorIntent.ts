import { decodeInput, Target } from "@planes/core"
import { Schema } from "effect"

const Word = Schema.Trim.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, {
    message: () => "must be one word of letters, digits and . _ + -"
  })
)

const HttpUrl = Schema.Trim.pipe(
  Schema.pattern(/^https?:\/\/\S+$/, { message: () => "must be an http(s) URL" }),
  Schema.maxLength(2048)
)

/**
 * A package repository mirror to configure on hosts: an apt source (suite and components) or a yum/dnf
 * repository (baseurl), with an optional signing key, for the hosts a target names.
 */
export const MirrorIntent = Schema.Struct({
  name: Word,
  kind: Schema.Literal("apt", "yum"),
  url: HttpUrl,
  // apt: the suite (e.g. bookworm) and components (e.g. main contrib); ignored for yum.
  suite: Schema.optional(Word),
  components: Schema.optional(Schema.Array(Word)),
  gpgKeyUrl: Schema.optional(HttpUrl),
  target: Target
}).annotations({ identifier: "MirrorIntent" })
/** A decoded mirror intent. */
export type MirrorIntent = typeof MirrorIntent.Type
/** A mirror intent as JSON, before decoding. */
export type MirrorIntentInput = typeof MirrorIntent.Encoded

/** Decodes a mirror intent, naming every bad field in one PermanentError. */
export const decodeMirrorIntent = decodeInput(MirrorIntent, "mirror intent")
