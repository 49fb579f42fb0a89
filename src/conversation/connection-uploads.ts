import type { FileProfile } from '../base/deployment-features.js';
import { LazyChunk } from '../base/lazy-chunk.js';
import type { OutboxEntry, OutgoingFile, SendOutcome } from '../base/outbox-entry.js';
import { errorCodeOf, type ServerFrame } from '../transport/guest-api-frames.js';
import type { GuestApiTransport } from '../transport/guest-api-transport.js';
import type { SessionUploads } from '../uploads/session-uploads.js';

/** The code that uploads files, fetched with the first one (a failed fetch is tried again). */
const uploadsCode = new LazyChunk(() => import('../uploads/session-uploads.js'));

/** What the uploads need of the connection. */
export interface UploadsConnection {
  readonly transport: GuestApiTransport;
  /** The message on its way (its files can no longer be cancelled). */
  inFlight(): OutboxEntry | undefined;
  /** What files the session takes. */
  profile(): FileProfile | undefined;
  /** The socket looks alive but an upload got no answer: start it again. */
  restart(): void;
}

/**
 * The visitor's files on one connection, in its chunk: the session's uploads (their own code
 * fetched with the first file), uploading ahead of Send, a message's files before it goes,
 * and cancelling.
 */
export class ConnectionUploads {
  #uploads: SessionUploads | undefined;

  constructor(private readonly connection: UploadsConnection) {}

  /** Starts uploading a file before its message is sent; the message then takes the same upload (`SessionUploads` does each once). */
  preupload(file: OutgoingFile): boolean {
    if (this.connection.transport.state !== 'connected') return false;
    void this.#session().then(
      (uploads) => uploads.upload(file),
      () => {},
    );
    return true;
  }

  /**
   * Stops these uploads (what reached the server is deleted there: `deleteAttachment`), unless
   * the message that names them is on its way already: then false, and it goes.
   */
  cancel(ids: readonly string[]): boolean {
    if (this.connection.inFlight()?.files?.some((file) => ids.includes(file?.id))) return false;
    this.#uploads?.cancel(ids);
    return true;
  }

  /**
   * Uploads the entry's files (each once in the session); what becomes of the message if one
   * does not go through. The uploads' code is fetched with the first file (again later if it
   * cannot come now).
   */
  async upload(entry: OutboxEntry): Promise<SendOutcome | undefined> {
    let uploads: SessionUploads;
    try {
      uploads = await this.#session();
    } catch {
      return { kind: 'retry-after', ms: 5000 };
    }
    const outcome = await uploads.uploadAll(entry.files ?? [], this.connection.profile());
    if (outcome.kind === 'uploaded') return undefined;
    if (outcome.kind === 'refused') return { kind: 'rejected', reason: outcome.reason };
    // Cut off with the socket looking alive (no verdict, no grant): start it again, as for a message (see deliver).
    this.connection.restart();
    return { kind: 'disconnected' };
  }

  /** The server does not have these (it refused the message that named them): uploaded again on retry. */
  forget(files: readonly OutgoingFile[]): void {
    this.#uploads?.forget(files);
  }

  /** Another session, or the connection is going: what was uploaded was uploaded to the last one. */
  drop(): void {
    this.#uploads?.stop();
    this.#uploads = undefined;
  }

  #session(): Promise<SessionUploads> {
    return this.#uploads ? Promise.resolve(this.#uploads) : uploadsCode.load().then(({ SessionUploads }) => (this.#uploads ??= new SessionUploads(this.connection.transport)));
  }
}

/** The server has the files: their kept copies go (nothing to do if the store's code cannot come). */
export function forgetKeptFiles(files: readonly OutgoingFile[]): Promise<void> {
  return import('../uploads/kept-files.js').then(({ forgetKept }) => forgetKept(files)).catch(() => {});
}

/** The server does not have, or will not take, the files a message names (4001 to 4010: "not successfully uploaded", expired…). */
export function failsFiles(frame: ServerFrame): boolean {
  const code = errorCodeOf(frame);
  return code !== undefined && code >= 4001 && code <= 4010;
}
