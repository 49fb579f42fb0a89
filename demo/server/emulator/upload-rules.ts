/**
 * What the Guest API checks before it grants an upload (`onAttachment`), after it receives
 * one (the content), and how it names a file's kind in a message. The rules are those the
 * official SDKs apply on their side (reference §3.9), applied here by the server, which is
 * where the real service enforces them.
 */
import { GuestApiError } from './server-frames.js';

/** The inbound part of a deployment's upload profile, as `SessionResponse.allowedMedia` and `blockedExtensions` give it. */
export interface UploadProfile {
  fileTypes: readonly string[];
  maxFileSizeKB: number;
  blockedExtensions: readonly string[];
}

export interface UploadRefusal {
  errorCode: number;
  errorMessage: string;
}

const maxNameLength = 255;
const mimeType = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+*-]+$/i;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const unsafeNameCharacters = /[/\\\u0000-\u001f\u007f-\u009f]/;

/**
 * Why an upload of this name, type and size is refused, or undefined when it may go ahead.
 * The order (name, extension, type, size) is the emulator's choice; the service's is not
 * documented, and a client must handle every code whatever the order.
 */
export function refuseUpload(profile: UploadProfile, fileName: unknown, fileType: unknown, fileSize: unknown): UploadRefusal | undefined {
  if (typeof fileName !== 'string' || fileName.trim() === '' || unsafeNameCharacters.test(fileName)) {
    return { errorCode: GuestApiError.fileNameInvalid, errorMessage: 'File name is empty or holds a path separator or a control character' };
  }
  if (fileName.length > maxNameLength) return { errorCode: GuestApiError.fileNameTooLong, errorMessage: `File name is longer than ${maxNameLength} characters` };
  // As the mobile SDK compares: "." and the text after the last dot, exactly (case-sensitive).
  const dot = fileName.lastIndexOf('.');
  const extension = dot >= 0 ? fileName.slice(dot) : '';
  if (extension !== '' && profile.blockedExtensions.includes(extension)) {
    return { errorCode: GuestApiError.fileNameInvalid, errorMessage: `Files with the extension ${extension} are not accepted` };
  }
  if (typeof fileType !== 'string' || !profile.fileTypes.some((allowed) => mimeTypeMatches(allowed, fileType))) {
    return { errorCode: GuestApiError.fileTypeInvalid, errorMessage: `File type ${JSON.stringify(fileType)} is not accepted` };
  }
  if (!Number.isInteger(fileSize) || (fileSize as number) <= 0 || Math.floor((fileSize as number) / 1000) > profile.maxFileSizeKB) {
    return { errorCode: GuestApiError.fileSizeInvalid, errorMessage: `File size must be from 1 byte to ${profile.maxFileSizeKB} KB` };
  }
  return undefined;
}

/**
 * The Java SDK's rule (`FileUtils.mimeTypeMatches`): `*\/*` takes any well-formed type;
 * otherwise the major types match and the subtypes are equal, or the allowed subtype is
 * `*…` and the candidate's ends with the rest (`image/*` takes `image/png`). Case is ignored.
 */
export function mimeTypeMatches(allowed: string, candidate: string): boolean {
  if (!mimeType.test(candidate) || candidate.includes('*')) return false;
  if (allowed === '*/*') return true;
  const [allowedMajor, allowedSub = ''] = allowed.toLowerCase().split('/');
  const [major, sub = ''] = candidate.toLowerCase().split('/');
  if (allowedMajor !== major) return false;
  return allowedSub === sub || (allowedSub.startsWith('*') && sub.endsWith(allowedSub.slice(1)));
}

/** Leading bytes of the types whose content the emulator can tell; other types are taken as declared. */
const signatures: Record<string, readonly Buffer[]> = {
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  'image/jpeg': [Buffer.from([0xff, 0xd8, 0xff])],
  'application/pdf': [Buffer.from('%PDF')],
};

/** Whether the bytes are what the declared type says (a scan would refuse a renamed file: 4003). */
export function contentMatchesType(mime: string, bytes: Buffer): boolean {
  const expected = signatures[mime.toLowerCase()];
  return !expected || expected.some((magic) => bytes.subarray(0, magic.length).equals(magic));
}

/** How a message names a file's kind (`mediaType`), from its MIME type. */
export function mediaTypeOf(mime: string): 'Image' | 'Video' | 'Audio' | 'File' {
  const major = mime.toLowerCase().split('/')[0];
  return major === 'image' ? 'Image' : major === 'video' ? 'Video' : major === 'audio' ? 'Audio' : 'File';
}

/** A file name the console may give a file it sends (the same rules as the visitor's). */
export function isSafeFileName(name: string): boolean {
  return name.trim() !== '' && name.length <= maxNameLength && !unsafeNameCharacters.test(name);
}

/** A MIME type of the form `type/subtype`, without wildcards. */
export function isMimeType(value: string): boolean {
  return mimeType.test(value) && !value.includes('*');
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Attachment ids are UUIDs the client makes (reference §3.2). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuid.test(value);
}
