import { createHmac, randomBytes } from 'node:crypto';
import { amzDate, hasExpired, signatureMatches, type AttachmentStore, type FileOwner, type StoredFile } from './attachments.js';
import { inboundUploadProfile, type Deployments } from './deployments.js';
import type { FaultInjector } from './faults.js';
import type { GuestSession } from './guest-session.js';
import { contentMatchesType, isUuid, mediaTypeOf, refuseUpload } from './upload-rules.js';
import { errorResponse, GuestApiError, push, response, type ServerFrame } from './server-frames.js';

export const uploadsPrefix = '/emulator/uploads/';

/** How long an upload address stays valid (S3 presigned PUTs of the service: about 10 minutes). */
const uploadUrlSeconds = 600;

/** The emulated organisation, named in the tagging that S3 keeps with every upload of the service. */
const organizationId = '3f1c9a52-7d4e-4b8a-9c61-0e2f5a7b8c9d';

/** Permission for one PUT of one declared file: what `onAttachment` grants. */
export interface UploadGrant {
  attachmentId: string;
  owner: FileOwner;
  fileName: string;
  fileType: string;
  fileSize: number;
  /** Headers the PUT must carry exactly as given (the service's fixtures: `x-amz-tagging`). */
  headers: Record<string, string>;
  /** When its address was issued (ms): a grant whose address ran out is forgotten. */
  issuedAt: number;
}

/** What the uploads need from the emulator that owns them. */
export interface UploadHost {
  readonly files: AttachmentStore;
  readonly faults: FaultInjector;
  readonly deployments: Deployments;
  readonly publicOrigin: string;
  findById(id: string): GuestSession | undefined;
  /** A fresh download address for a file of this session, or undefined when it has none by that id (or it was refused). */
  downloadUrl(session: GuestSession, attachmentId: string): { url: string; name: string; mime: string; size: number } | undefined;
  changed(): void;
}

type Request = Record<string, unknown>;

/**
 * The visitor's side of attachments: `onAttachment` grants an address to PUT one declared
 * file to, the PUT stores it as *uploaded*, an `onMessage` naming it makes it *sent*, and
 * until then `deleteAttachment` may remove it. An attachment id is the client's, and stays
 * its session's: no other session may upload, send, delete or download under it.
 */
export class Uploads {
  readonly #grants = new Map<string, UploadGrant>();
  readonly #key = randomBytes(32);

  constructor(private readonly host: UploadHost) {}

  /** `onAttachment`: an upload address (`PresignedUrlResponse`), or why not (`UploadFailureEvent`). */
  grant(session: GuestSession, request: Request, tracingId: string | undefined): ServerFrame {
    const { attachmentId, fileName, fileType, fileSize } = request;
    if (!isUuid(attachmentId)) return errorResponse(400, 'missing parameter: attachmentId', tracingId);
    if (!this.host.deployments.settings(session.deploymentId).attachments) {
      return uploadFailure(attachmentId, GuestApiError.fileTypeInvalid, 'File attachments are not enabled for this deployment');
    }
    if (session.readOnly) return errorResponse(403, 'Conversation is read-only; configure the session again with startNew', tracingId);
    // An id already sent, or another session's, is never granted again: a new grant would let
    // its PUT replace a file a message (maybe someone else's) already names.
    const file = this.host.files.get(attachmentId);
    const earlier = this.#grants.get(attachmentId);
    if ((file && !isVisitorFileOf(file, session)) || (earlier && earlier.owner.sessionId !== session.id)) {
      return uploadFailure(attachmentId, GuestApiError.featureUnavailable, 'attachmentId is already in use; choose a new one');
    }
    if (file?.state === 'sent') return uploadFailure(attachmentId, GuestApiError.featureUnavailable, 'Attachment has already been sent; choose a new attachmentId');
    const refusal = refuseUpload(inboundUploadProfile, fileName, fileType, fileSize);
    if (refusal) return uploadFailure(attachmentId, refusal.errorCode, refusal.errorMessage);

    this.#forgetExpiredGrants();
    const grant: UploadGrant = {
      attachmentId,
      owner: { sessionId: session.id, deploymentId: session.deploymentId, from: 'visitor' },
      fileName: fileName as string,
      fileType: fileType as string,
      fileSize: fileSize as number,
      headers: { 'x-amz-tagging': `organizationId=${organizationId}&originPlatform=PureCloud&role=darth&owner=Dev-CloudAppsDarth` },
      issuedAt: Date.now(),
    };
    // A second grant for the same id (a new owner tab resuming the upload) replaces the first.
    this.#grants.set(attachmentId, grant);
    return response('PresignedUrlResponse', {
      attachmentId,
      url: this.#presign(grant),
      headers: grant.headers,
      fileName: grant.fileName,
      fileSize: grant.fileSize,
      fileType: grant.fileType,
    });
  }

  /**
   * `deleteAttachment`: an uploaded, unsent file of this session goes, and every connection of
   * the session hears `AttachmentDeletedResponse`. An unknown id (or another session's, which
   * is not told apart, so as not to reveal it) is answered 4009 as a plain error:
   * `GenerateUrlError` is the answer to a request for an address, which this is not.
   */
  delete(session: GuestSession, attachmentId: unknown, tracingId: string | undefined): ServerFrame | undefined {
    const file = typeof attachmentId === 'string' ? this.host.files.get(attachmentId) : undefined;
    if (!file || !isVisitorFileOf(file, session)) return errorResponse(GuestApiError.attachmentNotFound, 'Attachment not found', tracingId);
    if (file.state === 'sent') return errorResponse(GuestApiError.featureUnavailable, 'Attachment must not have been sent', tracingId);
    this.host.files.delete(file.id);
    this.#grants.delete(file.id);
    session.broadcast(push('AttachmentDeletedResponse', { attachmentId: file.id }));
    this.host.changed();
    return undefined;
  }

  /**
   * The `content` of a visitor's `onMessage` as it is stored: each `Attachment` item named by
   * id becomes the file's full description (its `url` an `attachment:<id>` placeholder that
   * frames replace with a download address). Undefined when an item names no file this
   * session uploaded and has not sent (the message is then refused with 4010).
   */
  contentWithAttachments(session: GuestSession, content: readonly unknown[]): { content: unknown[]; attachmentIds: string[] } | undefined {
    const attachmentIds: string[] = [];
    const stored: unknown[] = [];
    for (const item of content) {
      if (!isRecord(item) || item.contentType !== 'Attachment') {
        stored.push(item);
        continue;
      }
      const id = isRecord(item.attachment) ? item.attachment.id : undefined;
      const file = typeof id === 'string' ? this.host.files.get(id) : undefined;
      if (!file || !isVisitorFileOf(file, session) || file.state !== 'uploaded' || attachmentIds.includes(file.id)) return undefined;
      attachmentIds.push(file.id);
      stored.push({
        contentType: 'Attachment',
        attachment: { id: file.id, url: `attachment:${file.id}`, filename: file.name, mediaType: mediaTypeOf(file.mime), mime: file.mime, fileSize: file.bytes.length },
      });
    }
    return { content: stored, attachmentIds };
  }

  /** `getAttachment`: a fresh download address (`PresignedUrlResponse` with no upload headers), or `GenerateUrlError` 4009. */
  refresh(session: GuestSession, requested: unknown): ServerFrame {
    const attachmentId = typeof requested === 'string' ? requested : '';
    const file = this.host.downloadUrl(session, attachmentId);
    if (!file) {
      return push('GenerateUrlError', { attachmentId, errorCode: GuestApiError.attachmentNotFound, errorMessage: 'Attachment not found', name: 'GenerateUrlError', message: 'Attachment not found' });
    }
    return response('PresignedUrlResponse', { attachmentId, url: file.url, headers: {}, fileName: file.name, fileSize: file.size, fileType: file.mime });
  }

  /** The files a stored message names are sent: no longer deletable, and no PUT may replace them. */
  markSent(attachmentIds: readonly string[]): void {
    for (const id of attachmentIds) {
      const file = this.host.files.get(id);
      if (file) file.state = 'sent';
      this.#grants.delete(id);
    }
  }

  /** The grant an upload address names, while it stands (not sent, deleted or forgotten). */
  grantFor(attachmentId: string): UploadGrant | undefined {
    return this.#grants.get(attachmentId);
  }

  /** Why an upload address is refused (S3's words), or undefined when it is the one granted and still valid. */
  checkAddress(url: URL, grant: UploadGrant): string | undefined {
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const seconds = Number(url.searchParams.get('X-Amz-Expires'));
    if (!signatureMatches(url.searchParams.get('X-Amz-Signature'), this.#sign(url.pathname, date, seconds, grant))) return 'SignatureDoesNotMatch';
    if (hasExpired(date, seconds)) return 'Request has expired';
    return undefined;
  }

  /**
   * The bytes of a PUT that passed every check. S3 takes them (the PUT answers 200); then the
   * service looks: the owning session's connections hear `UploadSuccessEvent`, or
   * `UploadFailureEvent` when the content is not what its type says (4003), a fault says so,
   * or the emulator's memory for files is full (4002, the nearest code: the file is too big
   * for what is left; nothing is stored).
   */
  receive(grant: UploadGrant, bytes: Buffer): void {
    const { attachmentId, owner } = grant;
    const session = this.host.findById(owner.sessionId);
    if (!session) return;
    const fail = (errorCode: number, errorMessage: string) => session.broadcast(uploadFailure(attachmentId, errorCode, errorMessage));
    // Sent or removed while the PUT was held (a stalled upload): the file a message names stays as it was.
    if (this.#grants.get(attachmentId)?.owner.sessionId !== owner.sessionId) return fail(GuestApiError.featureUnavailable, 'Attachment was sent or removed while it uploaded');
    if (!this.host.files.hasRoomFor(bytes.length, attachmentId)) return fail(GuestApiError.fileSizeInvalid, "The emulator's file storage is full (maxStoredFileBytes)");
    const faultCode = this.host.faults.takeUploadFailure(owner.deploymentId);
    const failure =
      faultCode !== undefined
        ? { errorCode: faultCode, errorMessage: 'Upload refused (a fault of the emulator)' }
        : contentMatchesType(grant.fileType, bytes)
          ? undefined
          : { errorCode: GuestApiError.fileContentInvalid, errorMessage: `File content is not ${grant.fileType}` };
    this.host.files.putUpload(attachmentId, grant.fileName, grant.fileType, bytes, owner, failure ? 'failed' : 'uploaded');
    if (failure) fail(failure.errorCode, failure.errorMessage);
    else session.broadcast(push('UploadSuccessEvent', { attachmentId, downloadUrl: this.host.downloadUrl(session, attachmentId)!.url, timestamp: new Date().toISOString() }));
    this.host.changed();
  }

  /** A session that is gone leaves no grants behind. */
  forgetSession(sessionId: string): void {
    for (const [id, grant] of this.#grants) if (grant.owner.sessionId === sessionId) this.#grants.delete(id);
  }

  reset(): void {
    this.#grants.clear();
  }

  #forgetExpiredGrants(): void {
    const oldest = Date.now() - uploadUrlSeconds * 1000;
    for (const [id, grant] of this.#grants) if (grant.issuedAt < oldest) this.#grants.delete(id);
  }

  #presign(grant: UploadGrant): string {
    const now = new Date(grant.issuedAt);
    const url = new URL(`${uploadsPrefix}${grant.attachmentId}`, this.host.publicOrigin);
    const date = amzDate(now);
    url.searchParams.set('X-Amz-Date', date);
    url.searchParams.set('X-Amz-Expires', String(uploadUrlSeconds));
    url.searchParams.set('X-Amz-Signature', this.#sign(url.pathname, date, uploadUrlSeconds, grant));
    return url.href;
  }

  /** Signed over the address and what was declared, so that the PUT can only be that file. */
  #sign(path: string, date: string, seconds: number, grant: UploadGrant): string {
    const signed = ['PUT', path, date, seconds, grant.fileType, grant.fileSize, ...Object.entries(grant.headers).map(([name, value]) => `${name}:${value}`)];
    return createHmac('sha256', this.#key).update(signed.join('\n')).digest('hex');
  }
}

function uploadFailure(attachmentId: string, errorCode: number, errorMessage: string): ServerFrame {
  return push('UploadFailureEvent', { attachmentId, errorCode, errorMessage, timestamp: new Date().toISOString() });
}

function isVisitorFileOf(file: StoredFile, session: GuestSession): boolean {
  return file.owner?.sessionId === session.id && file.owner.from === 'visitor';
}

function isRecord(value: unknown): value is Request {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
