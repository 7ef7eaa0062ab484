import { Either, Schema } from "effect"

/** A credential read from an environment variable: `env:NAME`. */
export class EnvRef extends Schema.TaggedClass<EnvRef>("EnvRef")("EnvRef", {
  name: Schema.String
}) {}

/** A credential read from a file, one trailing newline trimmed: `file:PATH` (relative to cwd, or absolute). */
export class FileRef extends Schema.TaggedClass<FileRef>("FileRef")("FileRef", {
  path: Schema.String
}) {}

/** A field of a Vault KV v2 secret: `vault:MOUNT/PATH#FIELD`, the mount being the first segment. */
export class VaultRef extends Schema.TaggedClass<VaultRef>("VaultRef")("VaultRef", {
  mount: Schema.String,
  path: Schema.String,
  field: Schema.String
}) {}

/** A parsed credential reference. */
export const SecretRef = Schema.Union(EnvRef, FileRef, VaultRef)

/** A parsed credential reference. */
export type SecretRef = typeof SecretRef.Type

/** The schemes a reference may use. */
export const secretSchemes = ["env", "file", "vault"] as const

/** Why a reference string could not be parsed; never contains more than a truncated echo of the reference. */
export class SecretRefProblem extends Schema.TaggedClass<SecretRefProblem>("SecretRefProblem")(
  "SecretRefProblem",
  {
    reference: Schema.String,
    reason: Schema.String
  }
) {}

// References are configuration, not secrets, but a value pasted by mistake into a reference must not be
// echoed whole into logs: long references are cut short in every message.
const maxEcho = 80

/** The reference as it may appear in a message: control characters escaped, long ones cut short. */
export const echoReference = (reference: string): string => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  const printable = reference.replace(/[\u0000-\u001f\u007f]/g, "?")
  return printable.length > maxEcho ? `${printable.slice(0, maxEcho)}…` : printable
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/
// Vault path segments: the characters Vault accepts in KV paths, without separators or dot segments.
const vaultSegment = /^[A-Za-z0-9_.@=+-]+$/
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const controlChars = /[\u0000-\u001f\u007f]/

const problem = (reference: string, reason: string) =>
  Either.left(new SecretRefProblem({ reference: echoReference(reference), reason }))

const parseEnv = (reference: string, rest: string): Either.Either<SecretRef, SecretRefProblem> =>
  envName.test(rest)
    ? Either.right(new EnvRef({ name: rest }))
    : problem(
        reference,
        "an env reference needs a variable name of letters, digits and underscores (env:NAME)"
      )

const parseFile = (reference: string, rest: string): Either.Either<SecretRef, SecretRefProblem> => {
  if (rest.trim() === "") return problem(reference, "a file reference needs a path (file:PATH)")
  if (controlChars.test(rest)) return problem(reference, "a file path may not contain control characters")
  return Either.right(new FileRef({ path: rest }))
}

const parseVault = (reference: string, rest: string): Either.Either<SecretRef, SecretRefProblem> => {
  const hash = rest.indexOf("#")
  if (hash < 0)
    return problem(reference, "a vault reference needs a field after '#' (vault:MOUNT/PATH#FIELD)")
  const location = rest.slice(0, hash)
  const field = rest.slice(hash + 1)
  if (field === "" || field.includes("#") || controlChars.test(field))
    return problem(
      reference,
      "the field after '#' must be one non-empty name without '#' or control characters"
    )
  const segments = location.split("/")
  const [mount, ...path] = segments
  if (mount === undefined || mount === "" || path.length === 0)
    return problem(reference, "a vault reference needs a mount and a path (vault:MOUNT/PATH#FIELD)")
  const bad = segments.find((segment) => !vaultSegment.test(segment) || segment === "." || segment === "..")
  if (bad !== undefined)
    return problem(
      reference,
      "every path segment must be non-empty, not '.' or '..', and use only letters, digits and _ . @ = + -"
    )
  return Either.right(new VaultRef({ mount, path: path.join("/"), field }))
}

/** Parses a credential reference (`env:NAME`, `file:PATH`, `vault:MOUNT/PATH#FIELD`); never throws. */
export const parseSecretRef = (reference: string): Either.Either<SecretRef, SecretRefProblem> => {
  const colon = reference.indexOf(":")
  if (colon <= 0) return problem(reference, "a reference starts with a scheme: env:, file: or vault:")
  const scheme = reference.slice(0, colon)
  const rest = reference.slice(colon + 1)
  switch (scheme) {
    case "env":
      return parseEnv(reference, rest)
    case "file":
      return parseFile(reference, rest)
    case "vault":
      return parseVault(reference, rest)
    default:
      return problem(reference, `unknown scheme '${echoReference(scheme)}'; use env:, file: or vault:`)
  }
}

/** The canonical text of a reference; `parseSecretRef(formatSecretRef(r))` gives `r` back. */
export const formatSecretRef = (ref: SecretRef): string => {
  switch (ref._tag) {
    case "EnvRef":
      return `env:${ref.name}`
    case "FileRef":
      return `file:${ref.path}`
    case "VaultRef":
      return `vault:${ref.mount}/${ref.path}#${ref.field}`
  }
}
