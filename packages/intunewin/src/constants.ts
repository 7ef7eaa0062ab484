/** Name of the encrypted inner file, both in the outer zip and in Detection.xml's FileName. */
export const EncryptedPackageFileName = "IntunePackage.intunewin"

/** Root folder of the outer zip, as Microsoft's Win32 Content Prep Tool writes it. */
export const PackageRootFolder = "IntuneWinPackage"

/** Zip path of the encrypted inner file for a given FileName. */
export const contentsEntryName = (fileName: string): string => `${PackageRootFolder}/Contents/${fileName}`

/** Zip path of the metadata document. */
export const DetectionXmlEntryName = `${PackageRootFolder}/Metadata/Detection.xml`

/** The only encryption profile Intune knows. */
export const ProfileVersion1 = "ProfileVersion1"

/** The only digest algorithm Intune knows. */
export const Sha256 = "SHA256"

/** ToolVersion written by default: the newest IntuneWinAppUtil release seen in public packages. */
export const DefaultToolVersion = "1.8.6.0"

/** Bytes before the ciphertext in the encrypted file: HMAC-SHA256 (32) then the AES IV (16). */
export const MacLength = 32
/** Length of the AES-CBC initialisation vector. */
export const IvLength = 16
/** Length of the header (MAC || IV) that precedes the ciphertext. */
export const EncryptedHeaderLength = MacLength + IvLength
/** AES block size: the ciphertext is a positive multiple of it (PKCS7 always pads). */
export const AesBlockLength = 16
/** AES-256 key length, also used for the HMAC key. */
export const KeyLength = 32
/** SHA-256 digest length. */
export const DigestLength = 32
