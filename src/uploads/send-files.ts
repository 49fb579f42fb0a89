import type { ChatMessage } from '../base/chat-message.js';
import type { DeploymentFeatures } from '../base/deployment-features.js';
import { refusalOf, refusalText } from './file-profile.js';
import { outgoingFile, queueFiles, type FileSender } from './queue-files.js';

/** How long `sendFile()` waits for the session to say what files it takes. */
const profileWaitMs = 10_000;

/**
 * `element.sendFile()`: checks the file against what the deployment takes (waiting for the
 * session to say, when it has not yet), then queues it. Rejects with a `TypeError` for a file
 * of a type, or extension, the deployment does not take (or when it takes none), with a
 * `RangeError` for one over its size, and with an `AbortError` if `signal` aborts first.
 */
export async function sendFile(chat: FileSender, uploads: string, file: unknown, options: { text?: unknown; signal?: unknown } = {}): Promise<ChatMessage> {
  if (!(file instanceof Blob)) throw new TypeError('sendFile(file) needs a File or a Blob');
  const { text = '', signal } = options ?? {};
  if (typeof text !== 'string') throw new TypeError('sendFile(file, { text }) needs text to be a string');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('sendFile(file, { signal }) needs an AbortSignal');
  if (uploads === 'off') throw new TypeError('sending files is turned off here (uploads="off")');
  const outgoing = outgoingFile(file);
  chat.activate();
  const profile = await profileOf(chat, signal);
  signal?.throwIfAborted();
  // Not known yet (offline, say): it waits in the outbox, and is checked before it is uploaded.
  const refusal = profile === undefined ? undefined : refusalOf(outgoing, profile);
  if (refusal) throw refusal.kind === 'size' ? new RangeError(`${outgoing.name}: ${refusalText(refusal)}`) : new TypeError(`${outgoing.name}: ${refusalText(refusal)}`);
  const sent = queueFiles(chat, text, [outgoing]);
  if (!sent) throw new Error('<persistent-chat> cannot send: set deployment-id and region or endpoint first');
  if (!signal) return sent;
  // Cancelled while it is on its way, in the tab that uploads it: the message stays, not sent. Once settled, an abort changes nothing.
  return new Promise((resolve, reject) => {
    // Where this tab cannot cancel it (another tab uploads it, or it has left), the promise keeps its word: the real outcome.
    const onAbort = (): void => {
      if (chat.cancelUpload(outgoing.id)) reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The deployment's attachment profile, once the session has said it (at most `profileWaitMs`, and only while it is connecting). */
async function profileOf(chat: FileSender, signal: AbortSignal | undefined): Promise<DeploymentFeatures['files']> {
  const deadline = Date.now() + profileWaitMs;
  const waiting = (): boolean => {
    const snapshot = chat.snapshot;
    return snapshot?.features?.files === undefined && (snapshot?.connection === 'idle' || snapshot?.connection === 'connecting' || snapshot?.connection === 'connected');
  };
  // The session tells the element of every change; a short poll keeps this chunk from needing a listener of its own.
  while (waiting() && Date.now() < deadline && !signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return chat.snapshot?.features?.files;
}
