import type { ChatMessage } from '../base/chat-message.js';
import type { DeploymentFeatures } from '../base/deployment-features.js';
import type { OutboxEntry, OutgoingFile } from '../base/outbox-entry.js';
import { errorText } from '../base/error-text.js';
import { randomId } from '../base/random-id.js';
import type { ConnectionState } from '../transport/connection-state.js';
import { mimeOf } from './file-profile.js';

/** What sending files needs of the chat session. */
export interface FileSender {
  readonly fileShelf: string | undefined;
  readonly snapshot: { readonly features?: DeploymentFeatures | undefined; readonly connection: ConnectionState } | undefined;
  activate(): void;
  send(text: string, reply: undefined, files: OutboxEntry['files']): Promise<ChatMessage> | undefined;
  /** Reports a problem as the chat does (`chat-error`). */
  report(problem: { readonly code: 'file-not-kept'; readonly message: string }): void;
  /** False where this tab cannot cancel it (it does not upload it, or the message has left). */
  cancelUpload(attachmentId: string): boolean;
  /** Starts uploading a chosen file before its message; false where this tab does not upload. */
  preupload(file: OutgoingFile): boolean;
}

/** The visitor's file, ready for the outbox: an attachment id made once, its type, the file itself. */
export function outgoingFile(file: Blob, name = file instanceof File ? file.name : ''): OutgoingFile {
  return { id: randomId(), name: name || 'file', size: file.size, mime: mimeOf(name, file.type), blob: file };
}

/**
 * Queues text and files as one message, at once (so that it keeps its place among the
 * visitor's messages). Where the visitor's storage allows, the files are kept in IndexedDB
 * meanwhile, so that a reload before they are sent does not lose them; a file that cannot be
 * kept (the quota) is said, and still sent while the page stays open.
 */
export function queueFiles(chat: FileSender, text: string, files: readonly OutgoingFile[]): Promise<ChatMessage> | undefined {
  const shelf = chat.fileShelf;
  const queued = shelf ? files.map((file) => ({ ...file, kept: shelf })) : [...files];
  if (shelf) {
    // Kept meanwhile (the store's code comes with the first file kept): the message has its place already.
    void import('./kept-files.js')
      .then(({ keepFiles }) => keepFiles(queued), (error: unknown) => `its code could not be loaded (${errorText(error)})`)
      .then((problem) => {
        if (problem) chat.report({ code: 'file-not-kept', message: `a file could not be kept on this device (${problem}); it is sent if this page stays open` });
      });
  }
  return chat.send(text, undefined, queued);
}
