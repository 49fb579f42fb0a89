import type { MessageAttachmentView, SessionFileView, SessionMessageView, SessionView } from './admin-types.js';
import type { StoredFile } from './attachments.js';
import type { GuestSession, StoredMessage } from './guest-session.js';

/** What the admin listing needs besides the session: its files, and fresh download addresses for them. */
export interface SessionViewSources {
  files: readonly StoredFile[];
  presign(attachmentId: string): string;
}

/** A session as the admin API shows it (`GET /emulator/sessions`): never the guest token, never a file's bytes. */
export function sessionView(session: GuestSession, { files, presign }: SessionViewSources): SessionView {
  return {
    id: session.id,
    deploymentId: session.deploymentId,
    state: session.isExpired() ? 'expired' : session.closedByGuest ? 'closed' : session.readOnly ? 'read-only' : 'active',
    visitorTyping: session.visitorTypingAt !== undefined && Date.now() - session.visitorTypingAt < 6000,
    typingEvents: session.typingEvents,
    connections: session.connectionCount,
    maxConcurrentConnections: session.maxConcurrentConnections,
    readOnly: session.readOnly,
    customAttributes: { ...session.customAttributes },
    ...(session.identity ? { authenticated: { ...session.identity } } : {}),
    participantAttributes: { ...session.participantAttributes },
    attributeUpdates: session.attributeUpdates,
    rateLimited: session.rateLimited,
    messages: session.messages.filter((message) => message.type !== 'Event').map((message) => messageView(message, presign)),
    files: files.map(fileView),
  };
}

function messageView({ id, direction, type, text, time, from, content }: StoredMessage, presign: (attachmentId: string) => string): SessionMessageView {
  const attachments = (content ?? []).map((item) => attachmentView(item, presign)).filter((each) => each !== undefined);
  return {
    id,
    direction,
    type,
    text,
    time,
    ...(from ? { nickname: from.nickname } : {}),
    ...(content ? { contentTypes: content.map((item) => String((item as { contentType?: unknown }).contentType)) } : {}),
    ...answerOf(content),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

function fileView({ id, name, mime, bytes, state, uploads, owner }: StoredFile): SessionFileView {
  return { id, name, mime, size: bytes.length, state, uploads, from: owner?.from ?? 'agent' };
}

/** A stored file a message carries (its address an `attachment:<id>` placeholder), with an address valid from now. */
function attachmentView(item: unknown, presign: (attachmentId: string) => string): MessageAttachmentView | undefined {
  const attachment = (item as { contentType?: unknown; attachment?: Record<string, unknown> } | null)?.attachment;
  if (!attachment || typeof attachment.id !== 'string' || typeof attachment.url !== 'string' || !attachment.url.startsWith('attachment:')) return undefined;
  return {
    id: attachment.id,
    name: String(attachment.filename ?? 'file'),
    mime: String(attachment.mime ?? 'application/octet-stream'),
    mediaType: (attachment.mediaType as MessageAttachmentView['mediaType'] | undefined) ?? 'File',
    size: typeof attachment.fileSize === 'number' ? attachment.fileSize : 0,
    url: presign(attachment.id),
  };
}

/** The visitor's answer a message carries (a `ButtonResponse`), as the console shows it. */
function answerOf(content: unknown[] | undefined): { answer?: { type: string; payload: string; originatingMessageId?: string } } {
  const item = content?.find((each) => typeof each === 'object' && each !== null && (each as { contentType?: unknown }).contentType === 'ButtonResponse') as
    | { buttonResponse?: { type?: unknown; payload?: unknown; originatingMessageId?: unknown } }
    | undefined;
  const response = item?.buttonResponse;
  if (!response || typeof response.type !== 'string' || typeof response.payload !== 'string') return {};
  return { answer: { type: response.type, payload: response.payload, ...(typeof response.originatingMessageId === 'string' ? { originatingMessageId: response.originatingMessageId } : {}) } };
}
