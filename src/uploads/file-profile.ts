import type { FileProfile } from '../base/deployment-features.js';

/** Why a file cannot be sent here, before anything is uploaded. */
export type FileRefusal =
  | { readonly kind: 'off' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'type'; readonly type: string }
  | { readonly kind: 'size'; readonly maxKB: number }
  | { readonly kind: 'extension'; readonly extension: string };

/** The file as far as the checks look at it. */
export interface CheckedFile {
  readonly name: string;
  readonly size: number;
  readonly mime: string;
}

/**
 * Whether `file` may be sent, by the service's own rules: the official SDKs' checks
 * together (empty, `floor(bytes / 1000) > maxKB`, the extension exactly as listed, and the
 * Java SDK's type match), so that a refusal is said before anything is uploaded.
 */
export function refusalOf(file: CheckedFile, profile: FileProfile | null | undefined): FileRefusal | undefined {
  if (!profile) return { kind: 'off' };
  if (file.size <= 0) return { kind: 'empty' };
  const dot = file.name.lastIndexOf('.');
  const extension = dot >= 0 ? file.name.slice(dot) : '';
  if (extension && profile.blocked.includes(extension)) return { kind: 'extension', extension };
  if (!profile.types.some((allowed) => typeMatches(allowed, file.mime))) return { kind: 'type', type: file.mime || extension };
  if (Math.floor(file.size / 1000) > profile.maxKB) return { kind: 'size', maxKB: profile.maxKB };
  return undefined;
}

/** Why, in English, for logs and `chat-error` (the panel says it in the visitor's language). */
export function refusalText(refusal: FileRefusal): string {
  switch (refusal.kind) {
    case 'off':
      return 'this deployment takes no files';
    case 'empty':
      return 'the file is empty';
    case 'type':
      return `${refusal.type || 'this type of file'} is not a type this deployment takes`;
    case 'size':
      return `the file is over the deployment's ${refusal.maxKB} KB`;
    case 'extension':
      return `${refusal.extension} files are blocked by this deployment`;
  }
}

/** `*\/*` takes any `type/subtype`; else the major types match and the subtype is equal, or the allowed one is `*`-prefixed and the candidate ends with the rest. */
export function typeMatches(allowed: string, candidate: string): boolean {
  const [wantedMajor = '', wantedMinor = ''] = allowed.toLowerCase().split('/');
  const [major = '', minor = ''] = candidate.toLowerCase().split('/');
  if (!major || !minor) return false;
  if (wantedMajor === '*' && wantedMinor === '*') return true;
  if (wantedMajor !== major) return false;
  return wantedMinor.startsWith('*') ? minor.endsWith(wantedMinor.slice(1)) : wantedMinor === minor;
}

/** The MIME type a file is sent as: the browser's, else one guessed from its extension (the service refuses what it cannot type). */
export function mimeOf(name: string, given: string): string {
  if (given) return given;
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return guessedTypes[extension] ?? 'application/octet-stream';
}

const guessedTypes: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
