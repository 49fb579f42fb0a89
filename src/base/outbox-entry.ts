import type { AttachmentState, ChatAttachment, ChatMessage, ChatReply } from './chat-message.js';

/**
 * A file the visitor sends. Its `id` is the attachment id, made here once (the Guest API
 * lets the client choose it), so that an upload begun again after a reload or by another tab
 * is the same attachment on the server.
 */
export interface OutgoingFile {
  readonly id: string;
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  readonly mime: string;
  /** The file itself, while this page holds it (never in the JSON cache). */
  readonly blob?: Blob;
  /** The IndexedDB key it is kept under until sent (by its id), where the visitor's storage allows it. */
  readonly kept?: string;
}

/** A visitor message waiting for the server to acknowledge it. */
export interface OutboxEntry {
  readonly clientId: string;
  readonly text: string;
  /** The guest attributes and page context of the tab where it was written, fitted to the budget. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** An answer the visitor chose (a quick reply, a card's button, a slot, list items): sent as a `ButtonResponse`. */
  readonly reply?: ChatReply;
  /**
   * When the visitor wrote it (epoch ms, this browser's clock): after a lost echo, history is
   * searched from this moment for a message that says the same (the server may not keep its id).
   */
  readonly writtenAt?: number;
  /** Files sent with the text, one attachment each: uploaded first, then named in the message. */
  readonly files?: readonly OutgoingFile[];
}

/** What became of one attempt to send an entry. */
export type SendOutcome =
  | { kind: 'acknowledged' }
  | { kind: 'retry-after'; ms: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'disconnected' };

/** The entry as the transcript shows it until the server has it: sending, with its files on their way. */
export function sendingMessageOf(entry: OutboxEntry): ChatMessage {
  const { clientId, text, files } = entry;
  const message: ChatMessage = { id: clientId, clientId, author: 'visitor', text, time: new Date().toISOString(), delivery: 'sending' };
  // Read back from a store or another tab: whatever is not a file is left out (the upload refuses the message).
  return Array.isArray(files) && files.length ? { ...message, attachments: files.filter((file) => file instanceof Object).map(attachmentOf) } : message;
}

function attachmentOf({ id, name, size, mime }: OutgoingFile): ChatAttachment {
  // A test, not `startsWith`: a file read back from a tampered store may have no text there.
  return { id, name, size, mime, mediaType: /^image\//.test(mime) ? 'Image' : 'File', state: 'uploading' };
}

/** A change that puts a message's files in `state` (none when it has none). */
export function filesNow(message: ChatMessage | undefined, state: AttachmentState): Pick<ChatMessage, 'attachments'> {
  return message?.attachments ? { attachments: message.attachments.map((attachment) => ({ ...attachment, state })) } : {};
}
