import type { StoredMessage } from './guest-session.js';

/** The `StructuredMessage` body of a stored message: what pushes carry and history entities are. */
export function toWireMessage(message: StoredMessage, { clientMetadata = false }: { clientMetadata?: boolean } = {}): Record<string, unknown> {
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
  if (message.content) body.content = message.content;
  if (message.events) body.events = message.events;
  return body;
}
