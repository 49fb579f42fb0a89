import type { StoredMessage } from './guest-session.js';

/** The `StructuredMessage` body of a stored message: what pushes carry and history entities are. */
export function toWireMessage(
  message: StoredMessage,
  { clientMetadata = false, presign }: { clientMetadata?: boolean; presign?: (attachmentId: string) => string } = {},
): Record<string, unknown> {
  const channel: Record<string, unknown> = { time: message.time, messageId: message.id };
  if (message.from) {
    channel.type = 'Private';
    channel.from = message.from;
  }
  const body: Record<string, unknown> = {
    id: message.id,
    type: message.type,
    text: message.text,
    direction: message.direction,
    channel,
  };
  if (message.originatingEntity) body.originatingEntity = message.originatingEntity;
  const metadata = { ...(clientMetadata ? message.clientMetadata : {}), ...message.metadata };
  if (Object.keys(metadata).length > 0) body.metadata = metadata;
  if (message.content) body.content = presign ? message.content.map((item) => withDownloadUrl(item, presign)) : message.content;
  if (message.events) body.events = message.events;
  return body;
}

/** A stored attachment is named `attachment:<id>`; on the wire it gets an address valid from now. */
function withDownloadUrl(item: unknown, presign: (attachmentId: string) => string): unknown {
  if (typeof item !== 'object' || item === null) return item;
  const attachment = (item as { attachment?: { id?: unknown; url?: unknown } }).attachment;
  if (!attachment || typeof attachment.url !== 'string' || !attachment.url.startsWith('attachment:') || typeof attachment.id !== 'string') return item;
  return { ...item, attachment: { ...attachment, url: presign(attachment.id) } };
}

/** The ids of the stored files (`attachment:<id>` addresses) that content items carry. */
export function storedAttachmentIds(items: readonly unknown[]): string[] {
  return items
    .map((item) => (item as { attachment?: { id?: unknown; url?: unknown } } | null)?.attachment)
    .filter((attachment) => typeof attachment?.id === 'string' && typeof attachment.url === 'string' && attachment.url.startsWith('attachment:'))
    .map((attachment) => attachment!.id as string);
}
