import type { OutgoingFile } from '../base/outbox-entry.js';
import { isRecord } from '../transport/guest-api-frames.js';
import { blobOf } from './kept-files.js';
import { isOutgoingFile } from './outgoing-file-check.js';
import { refusalOf, refusalText } from './file-profile.js';
import type { FileProfile } from '../base/deployment-features.js';
import { uploadFile, type UploadChannel, type UploadOutcome } from './file-upload.js';

/**
 * The uploads of one session: each file once (an upload asked for twice is the same one),
 * and what is uploaded stays so for the session, so that a message sent again after a lost
 * connection does not upload its files again.
 */
export class SessionUploads {
  readonly #uploaded = new Set<string>();
  readonly #running = new Map<string, { outcome: Promise<UploadOutcome>; cancel: AbortController }>();

  constructor(private readonly channel: UploadChannel) {}

  /**
   * Uploads the files in order, each checked first against what the session takes (`profile`:
   * a file chosen before it was known is checked here); the first that does not go through
   * says why.
   */
  async uploadAll(files: readonly OutgoingFile[], profile: FileProfile | undefined): Promise<UploadOutcome> {
    // Read back from storage, or handed over by another tab: each field is checked before it is used.
    if (!files.every(isOutgoingFile)) return { kind: 'refused', code: 0, reason: 'a file of this message could not be read back' };
    const refusal = files.map((file) => refusalOf(file, profile)).find(Boolean);
    if (refusal) return { kind: 'refused', code: 0, reason: refusalText(refusal) };
    for (const file of files) {
      const outcome = await this.upload(file);
      if (outcome.kind !== 'uploaded') return outcome;
    }
    return { kind: 'uploaded' };
  }

  upload(file: OutgoingFile): Promise<UploadOutcome> {
    if (this.#uploaded.has(file.id)) return Promise.resolve({ kind: 'uploaded' });
    const running = this.#running.get(file.id);
    if (running) return running.outcome;
    const cancel = new AbortController();
    const outcome = this.#upload(file, cancel.signal).then((result) => {
      this.#running.delete(file.id);
      if (result.kind === 'uploaded') this.#uploaded.add(file.id);
      return result;
    });
    this.#running.set(file.id, { outcome, cancel });
    return outcome;
  }

  /** The server no longer has these (it refused the message that named them): upload them again next time. */
  forget(files: readonly OutgoingFile[]): void {
    for (const file of files) this.#uploaded.delete(file.id);
  }

  /** Stops these uploads; those the server already has are deleted there, as the official SDK detaches a file. */
  cancel(ids: readonly string[]): void {
    for (const id of ids) {
      const running = this.#running.get(id);
      running?.cancel.abort();
      // Uploaded, or on its way (the bytes may have reached the server): asked to be deleted there.
      if (!this.#uploaded.delete(id) && !running) continue;
      void this.channel
        .request(
          { action: 'deleteAttachment', attachmentId: id },
          // Gone, or never there (4009), or sent meanwhile (4000): either way the answer is this request's.
          { claims: (frame) => (frame.class === 'AttachmentDeletedResponse' && isRecord(frame.body) && frame.body.attachmentId === id) || (frame.class === 'string' && (frame.code === 4009 || frame.code === 4000)) },
        )
        .catch(() => {});
    }
  }

  /** Stops every upload under way (the connection is going). */
  stop(): void {
    for (const { cancel } of this.#running.values()) cancel.abort();
  }

  async #upload(file: OutgoingFile, signal: AbortSignal): Promise<UploadOutcome> {
    const blob = await blobOf(file);
    if (!blob) return { kind: 'refused', code: 0, reason: 'the file was not kept on this device' };
    return uploadFile(this.channel, file, blob, signal);
  }
}
