import type { OutgoingFile } from '../base/outbox-entry.js';
import { isRecord, type ServerFrame } from '../transport/guest-api-frames.js';
import type { AnswerMatcher } from '../transport/guest-api-transport.js';
import { httpPut, PutFailedError } from './http-put.js';
import { uploadProgress } from './upload-progress.js';

/** What an upload needs of the connection: a request, and a wait for an answer that follows something else. */
export interface UploadChannel {
  request(payload: Record<string, unknown>, options: { claims: AnswerMatcher; timeoutMs?: number; signal?: AbortSignal }): Promise<ServerFrame>;
  watch(claims: AnswerMatcher, options: { timeoutMs?: number; signal?: AbortSignal }): Promise<ServerFrame>;
}

export type UploadOutcome =
  | { readonly kind: 'uploaded' }
  /** The server or the upload host refused the file, or could not be reached after a few tries (`code` 0). */
  | { readonly kind: 'refused'; readonly code: number; readonly reason: string }
  /** The socket was lost, or the upload cancelled: the outbox tries again once connected. */
  | { readonly kind: 'interrupted'; readonly reason: string };

/** Waits before trying the HTTP upload again when the network cut it off. */
const retryDelaysMs = [1000, 3000];
/** How long the server may take to say the upload worked, once it has the bytes. */
const outcomeTimeoutMs = 60_000;

/**
 * One file's way to the server, as the official SDK takes it: `onAttachment` with the id
 * made here, the raw bytes `PUT` to the presigned address with every header it names, then
 * the server's verdict on the socket (`UploadSuccessEvent` / `UploadFailureEvent`). Asking
 * again for an id already uploaded replaces the bytes: it stays one attachment.
 */
export async function uploadFile(channel: UploadChannel, file: OutgoingFile, blob: Blob, signal: AbortSignal): Promise<UploadOutcome> {
  const about = (frame: ServerFrame): boolean => isRecord(frame.body) && frame.body.attachmentId === file.id;
  const refusal = (frame: ServerFrame): boolean => frame.class === 'string' && frame.code >= 400;
  const attempt = new AbortController();
  const cancelled = (): void => attempt.abort();
  signal.addEventListener('abort', cancelled, { once: true });
  try {
    const grant = await channel.request(
      { action: 'onAttachment', attachmentId: file.id, fileName: file.name, fileType: file.mime, fileSize: blob.size, errorsAsJson: true },
      { claims: (frame) => (about(frame) && (frame.class === 'PresignedUrlResponse' || frame.class === 'UploadFailureEvent')) || refusal(frame), signal },
    );
    if (grant.class !== 'PresignedUrlResponse') {
      uploadProgress.clear(file.id);
      return refused(grant);
    }
    const { url, headers } = grant.body as { url?: unknown; headers?: unknown };
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return { kind: 'refused', code: 0, reason: 'the server gave no upload address' };
    // Watched from before the upload: the verdict may come before the PUT's own answer. The
    // watch ends with this attempt, so that the next attempt's verdict is not taken by it.
    const verdict = channel.watch((frame) => about(frame) && (frame.class === 'UploadSuccessEvent' || frame.class === 'UploadFailureEvent'), {
      timeoutMs: outcomeTimeoutMs,
      signal: attempt.signal,
    });
    verdict.catch(() => {});
    await putWithRetries(url, stringHeaders(headers), file, blob, signal);
    const outcome = await verdict;
    if (outcome.class === 'UploadSuccessEvent') return { kind: 'uploaded' };
    uploadProgress.clear(file.id);
    return refused(outcome);
  } catch (error) {
    uploadProgress.clear(file.id);
    // The upload host refused, or could not be reached after the tries again: the visitor may retry.
    if (error instanceof PutFailedError) return { kind: 'refused', code: error.status, reason: error.message };
    return { kind: 'interrupted', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    signal.removeEventListener('abort', cancelled);
    attempt.abort();
  }
}

async function putWithRetries(url: string, headers: Record<string, string>, file: OutgoingFile, blob: Blob, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await httpPut(url, blob, { ...headers, 'Content-Type': file.mime }, (fraction) => uploadProgress.set(file.id, fraction), signal);
    } catch (error) {
      const delay = retryDelaysMs[attempt];
      // A refusal by the upload host (a status) is final; a cut connection is tried again a few times.
      if (!(error instanceof PutFailedError) || error.status > 0 || delay === undefined || signal.aborted) throw error;
      uploadProgress.set(file.id, 0);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function refused(frame: ServerFrame): UploadOutcome {
  const body = isRecord(frame.body) ? frame.body : {};
  const code = typeof body.errorCode === 'number' ? body.errorCode : frame.code;
  const text = typeof body.errorMessage === 'string' ? body.errorMessage : typeof frame.body === 'string' ? frame.body : frame.class;
  return { kind: 'refused', code, reason: `${code}: ${text}` };
}

/** The upload headers the server named (every one is sent as given: the address is signed over them). */
function stringHeaders(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isRecord(value)) for (const [name, each] of Object.entries(value)) if (typeof each === 'string') headers[name] = each;
  return headers;
}
