import { type IntentKey, keyOf } from "@planes/core"
import type { MirrorIntent } from "../mirror/MirrorIntent.js"
import type { ExtraVars } from "./extraVars.js"

/** The key of a mirror intent: the same mirror for the same target, the same key. */
export const mirrorKey = (intent: MirrorIntent): IntentKey => keyOf("ansible-mirror", intent)

/** The variables of `configure_mirror.yml` for a mirror intent (the target goes into inventory and limit). */
export const mirrorVars = (intent: MirrorIntent): ExtraVars => ({
  mirror_name: intent.name,
  mirror_kind: intent.kind,
  mirror_url: intent.url,
  mirror_suite: intent.suite ?? "",
  mirror_components: (intent.components ?? ["main"]).join(" "),
  mirror_gpg_key_url: intent.gpgKeyUrl ?? ""
})
