import type { OutgoingFile } from '../base/outbox-entry.js';

/** A file of the outbox as stored or handed between tabs (the Blob itself only between tabs). */
export function isOutgoingFile(value: unknown): value is OutgoingFile {
  const file = value as Record<string, unknown>;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof file.id === 'string' &&
    typeof file.name === 'string' &&
    Number.isSafeInteger(file.size) &&
    typeof file.mime === 'string' &&
    (file.kept === undefined || typeof file.kept === 'string') &&
    (file.blob === undefined || file.blob instanceof Blob)
  );
}

